import Fluent
import SQLKit

/// An indicator may name a companion measured with it and shown in the same cell, as the seeds print the
/// INSi calls with their unique users ("nb d'appels : 150 334 — nb d'utilisateurs : 106"); `''` for none.
struct UpdateIndicatorsAddCompanion: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await (db as! any SQLDatabase).alter(table: "indicators").column(
            "companion", type: .text, .notNull, .default(SQLLiteral.string(""))
        ).run()
    }

    func revert(on db: Database) async throws {
        try await (db as! any SQLDatabase).alter(table: "indicators").dropColumn("companion").run()
    }
}
