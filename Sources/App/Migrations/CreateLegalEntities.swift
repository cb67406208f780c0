import Fluent

struct CreateLegalEntities: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("legal_entities")
            .field("finess_ej", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("siren", .string, .required)
            .field("legal_status", .string, .required)
            .field("closed_on", .string)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("legal_entities").delete()
    }
}
