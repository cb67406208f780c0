import Fluent

/// Who uploaded a pending file: its preview and its validation are his (and the administrators').
/// Uploads kept from before have no owner and only administrators may open them.
struct UpdateImportUploadsAddOwner: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("import_uploads").field("owner_id", .uuid).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("import_uploads").deleteField("owner_id").update()
    }
}
