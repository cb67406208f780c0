import Fluent

/// Import batches (who, when, which file and its SHA-256, counts, the rejected lines) and the batch a
/// replaced value belonged to, so that undoing a batch restores the previous values exactly.
struct CreateImportBatches: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("import_batches")
            .id()
            .field("kind", .string, .required)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("profile", .string)
            .field("actor", .string, .required)
            .field("status", .string, .required)
            .field("read", .int, .required)
            .field("created", .int, .required)
            .field("updated", .int, .required)
            .field("unchanged", .int, .required)
            .field("rejected", .int, .required)
            .field("report", .string, .required)
            .field("created_at", .datetime, .required)
            .field("undone_at", .datetime)
            .create()
        try await db.schema("observation_history").field("batch_id", .uuid).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("observation_history").deleteField("batch_id").update()
        try await db.schema("import_batches").delete()
    }
}
