import Fluent

/// The fiche's contacts, as the NA fiches print them ("Nom — organisation — rôle", one per line),
/// until the contacts directory of issue 5 links real records.
struct UpdateFichesAddContacts: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("fiches").field("contacts", .string, .required, .sql(.default(""))).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("fiches").deleteField("contacts").update()
    }
}
