import Fluent

/// Each sending of a meeting's invitation, update or cancellation: what was sent, at which calendar sequence,
/// to how many contacts, by whom. The next sending is an update once an invitation went out.
struct CreateMeetingMailings: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("meeting_mailings")
            .id()
            .field("meeting_id", .uuid, .required, .references("meetings", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("sequence", .int, .required)
            .field("sent", .int, .required)
            .field("skipped", .int, .required)
            .field("sent_by", .string, .required)
            .field("sent_at", .datetime, .required)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("meeting_mailings").delete()
    }
}
