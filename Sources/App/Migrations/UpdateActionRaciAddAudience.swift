import Fluent
import SQLKit

/// A RACI cell is an action × an organisation × an audience (a couloir or the usagers; empty for all),
/// as the regions' matrices cross them. A former audience cell (an action × an audience, without an
/// organisation) becomes the cell of the action's pilot for that audience; without a pilot it is dropped.
struct UpdateActionRaciAddAudience: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.alter(table: "action_raci").column(
            "audience", type: .text, .notNull, .default(SQLLiteral.string(""))
        ).run()
        try await sql.raw(
            """
            UPDATE action_raci SET audience = party,
                party = COALESCE((SELECT a.pilot_code FROM actions a WHERE a.id = action_raci.action_id), ''),
                party_kind = 'organisation'
            WHERE party_kind = 'audience'
            """
        ).run()
        try await sql.raw("DELETE FROM action_raci WHERE party = ''").run()
    }

    func revert(on db: Database) async throws {
        try await (db as! any SQLDatabase).alter(table: "action_raci").dropColumn("audience").run()
    }
}
