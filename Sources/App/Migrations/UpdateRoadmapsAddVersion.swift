import Fluent
import SQLKit

/// Roadmaps are edited in forms too: the same optimistic version as fiches and actions.
struct UpdateRoadmapsAddVersion: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.alter(table: "roadmaps").column(
            "version", type: .int, .notNull, .default(SQLLiteral.numeric("1"))
        )
        .run()
    }

    func revert(on db: Database) async throws {
        try await (db as! any SQLDatabase).alter(table: "roadmaps").dropColumn("version").run()
    }
}
