import Fluent

/// What a pending upload is to be read as (kind, profile, parameters, sheet), so that its validation
/// re-reads it exactly as it was previewed.
struct UpdateImportUploadsAddOptions: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("import_uploads").field("options", .string).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("import_uploads").deleteField("options").update()
    }
}
