import Fluent
import SQLKit

/// A version number on the objects people edit in forms (fiches, actions, tasks): a write names the
/// version it was made from, and loses to any write that landed in between (optimistic locking).
struct UpdateAddVersions: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        for table in ["fiches", "actions", "tasks"] {
            try await sql.alter(table: table).column("version", type: .int, .notNull, .default(SQLLiteral.numeric("1")))
                .run()
        }
    }

    func revert(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        for table in ["fiches", "actions", "tasks"] { try await sql.alter(table: table).dropColumn("version").run() }
    }
}
