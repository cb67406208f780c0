import Fluent

/// Calendar subscriptions: an unguessable address per committee or per contact, whose digest only is
/// stored (like API tokens), revoked by its date.
struct CreateCalendarFeeds: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("calendar_feeds")
            .id()
            .field("token_digest", .string, .required)
            .field("kind", .string, .required)
            .field("subject", .string, .required)
            .field("label", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("calendar_feeds").delete()
    }
}
