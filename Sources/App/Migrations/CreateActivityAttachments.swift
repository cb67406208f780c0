import Fluent

/// Files attached to an activity (agenda, slides), kept in the database with it.
struct CreateActivityAttachments: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("activity_attachments")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("activity_attachments").delete()
    }
}
