import Fluent
import SQLKit

/// The audit trail: every write of the service layer leaves one row (who, when, what, details).
struct CreateAuditEvents: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("audit_events")
            .id()
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("object_type", .string, .required)
            .field("object_id", .string, .required)
            .field("summary", .string, .required)
            .field("details", .string, .required)
            .create()
        try await (db as! any SQLDatabase).create(index: "audit_events_object_idx")
            .on("audit_events").column("object_type").column("object_id").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("audit_events").delete()
    }
}
