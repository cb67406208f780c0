import Fluent
import SQLKit
import SQLiteKit

/// The audit trail is append-only in the database itself: an UPDATE or DELETE of `audit_events`
/// fails, whoever sends it. No route writes there except by insertion, and now nothing can.
struct CreateAuditGuard: AsyncMigration {
    func prepare(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        if db is any SQLiteDatabase {
            for op in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'journal d''audit en ajout seul'); END
                    """
                ).run()
            }
        } else {
            try await sql.raw(
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'journal d''audit en ajout seul'; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
                """
            ).run()
        }
    }

    func revert(on db: Database) async throws {
        let sql = db as! any SQLDatabase
        if db is any SQLiteDatabase {
            for op in ["update", "delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_\(unsafeRaw: op)").run()
            }
        } else {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
    }
}
