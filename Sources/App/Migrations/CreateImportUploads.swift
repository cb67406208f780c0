import Fluent

/// Files uploaded from the page and waiting between their preview and their validation (no JavaScript:
/// the validation form only carries the upload's identifier).
struct CreateImportUploads: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("import_uploads")
            .id()
            .field("file_name", .string, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("import_uploads").delete()
    }
}
