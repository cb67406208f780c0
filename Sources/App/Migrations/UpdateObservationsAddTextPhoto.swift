import Fluent
import SQLKit

/// A qualitative indicator's value is a text photo ("Rédigée et partagée", "En cours > phase de
/// cadrage"), with the status its pilote gives it when no yes/no target decides it.
struct UpdateObservationsAddTextPhoto: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        // The history keeps them too, so that undoing an import puts a replaced text photo back.
        for table in ["observations", "observation_history"] {
            try await sql.alter(table: table).column("text_value", type: .text).run()
            try await sql.alter(table: table).column("assessed_status", type: .text).run()
        }
    }

    func revert(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        for table in ["observations", "observation_history"] {
            try await sql.alter(table: table).dropColumn("assessed_status").run()
            try await sql.alter(table: table).dropColumn("text_value").run()
        }
    }
}
