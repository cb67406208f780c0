import Fluent

/// INSEE codes that are not communes but stand for one: municipal arrondissements of Paris, Lyon and
/// Marseille, communes déléguées and associées, and pre-2007 codes still used by FINESS.
struct CreateCommuneAliases: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("commune_aliases")
            .field("alias_code", .string, .identifier(auto: false))
            .field("commune_code", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("commune_aliases").delete()
    }
}
