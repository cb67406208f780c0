import Fluent
import Foundation
import SQLKit

/// The indicators a validated snapshot froze: its date locks their periods, and only theirs, so a photo
/// of the closed 2021–2023 roadmap leaves the values of indicators the 2023–2027 one added open.
/// Filled for the snapshots validated before, from their stored tables.
struct CreateSnapshotIndicators: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        try await db.schema("snapshot_indicators")
            .field("snapshot_id", .uuid, .required, .references("snapshots", "id", onDelete: .cascade))
            .field("indicator_code", .string, .required)
            .unique(on: "snapshot_id", "indicator_code")
            .create()
        try await sql.create(index: "snapshot_indicators_code_idx").on("snapshot_indicators")
            .column("indicator_code").run()
        struct StoredSnapshotRow: Decodable {
            var id: UUID
            var content: String
        }
        struct FrozenIndicatorRow: Decodable { var code: String }
        let stored = try await sql.select().columns("id", "content").from("snapshots")
            .all(decoding: StoredSnapshotRow.self)
        for snapshot in stored {
            let rows = try JSONDecoder().decode([FrozenIndicatorRow].self, from: Data(snapshot.content.utf8))
            for code in Set(rows.map(\.code)).sorted() {
                try await sql.insert(into: "snapshot_indicators").columns("snapshot_id", "indicator_code")
                    .values(SQLBind(snapshot.id), SQLBind(code)).run()
            }
        }
    }

    func revert(on db: Database) async throws {
        try await (db as! any SQLDatabase).drop(table: "snapshot_indicators").run()
    }
}
