import Fluent
import SQLKit

/// The roll-up layer: for each indicator × territory × couloir, its resolved series (own values, the
/// roll-up of its parts, structure shares or formula results) as JSON. Filled on first read,
/// invalidated by every write that can change it, so dashboards never recompute from raw rows twice.
struct CreateRollupCache: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("rollup_cache")
            .field("indicator_code", .string, .required)
            .field("territory_code", .string, .required)
            .field("couloir", .string, .required)
            .field("series", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "indicator_code", "territory_code", "couloir")
            .create()
        // Bumped by every invalidation: a reader that computed a series before a write committed
        // must not store it afterwards (two nodes, or a slow read racing an import).
        try await db.schema("rollup_epoch")
            .field("id", .int, .identifier(auto: false))
            .field("epoch", .int64, .required)
            .create()
        try await (db as! any SQLDatabase).insert(into: "rollup_epoch").columns("id", "epoch").values(
            SQLBind(1), SQLBind(0)
        ).run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("rollup_epoch").delete()
        try await db.schema("rollup_cache").delete()
    }
}
