import Fluent
import SQLKit

/// Validated snapshots ("photos à date"): the steering table frozen as a committee signed it off.
/// Their dates lock the observations of the periods they cover.
struct CreateSnapshots: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("snapshots")
            .id()
            .field("roadmap_id", .uuid, .required, .references("roadmaps", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("as_of", .string, .required)
            .field("territory_code", .string, .required)
            .field("couloir", .string)
            .field("validated_by", .string, .required)
            .field("validated_at", .datetime, .required)
            .field("content", .string, .required)
            .field("content_sha256", .string, .required)
            .field("rows", .int, .required)
            .create()
        try await (db as! any SQLDatabase).create(index: "snapshots_as_of_idx").on("snapshots").column("as_of").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("snapshots").delete()
    }
}
