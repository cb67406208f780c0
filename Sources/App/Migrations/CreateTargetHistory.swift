import Fluent

/// Targets replaced by a later write, and the import batch each target came from, so that a targets
/// import can be undone exactly like an observations import.
struct CreateTargetHistory: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("targets").field("batch_id", .uuid).update()
        try await db.schema("target_history")
            .id()
            .field("target_id", .uuid, .required)
            .field("value_kind", .string, .required)
            .field("value_number", .double)
            .field("value_text", .string)
            .field("baseline", .double)
            .field("baseline_on", .string)
            .field("batch_id", .uuid)
            .field("replaced_at", .datetime, .required)
            .field("replaced_by", .string, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("target_history").delete()
        try await db.schema("targets").deleteField("batch_id").update()
    }
}
