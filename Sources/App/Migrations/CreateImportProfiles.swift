import Fluent

/// Import profiles, one row per version: saving a changed profile adds a version, older ones stay
/// readable (a batch names the profile version it used).
struct CreateImportProfiles: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("import_profiles")
            .id()
            .field("name", .string, .required)
            .field("version", .int, .required)
            .field("description", .string, .required)
            .field("definition", .string, .required)
            .field("shipped", .bool, .required)
            .field("actor", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name", "version")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("import_profiles").delete()
    }
}
