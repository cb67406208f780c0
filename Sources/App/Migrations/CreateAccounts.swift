import Fluent
import SQLKit

/// Accounts, their territories and indicators, database sessions (shared by every node), login
/// failures for throttling, and API tokens. Secrets are stored as SHA-256 digests (tokens, session
/// ids) or bcrypt hashes (passwords), never in clear.
struct CreateAccounts: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("users")
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("password_changed_at", .datetime, .required)
            .unique(on: "email")
            .create()
        try await db.schema("user_territories")
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("territory_code", .string, .required, .references("territories", "code", onDelete: .cascade))
            .unique(on: "user_id", "territory_code")
            .create()
        try await db.schema("user_indicators")
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("indicator_code", .string, .required)
            .unique(on: "user_id", "indicator_code")
            .create()
        try await db.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("address", .string, .required)
            .field("user_agent", .string, .required)
            .create()
        try await db.schema("login_failures")
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        try await db.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("role", .string, .required)
            .field("territories", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "sessions_user_idx").on("sessions").column("user_id").run()
        try await sql.create(index: "login_failures_email_idx").on("login_failures").column("email").column("at").run()
        try await sql.create(index: "login_failures_address_idx").on("login_failures").column("address").column("at")
            .run()
        try await sql.alter(table: "audit_events").column("address", type: .text).run()
        try await sql.alter(table: "tasks").column("territory_code", type: .text).run()
    }

    func revert(on db: Database) async throws {
        for t in ["api_tokens", "login_failures", "sessions", "user_indicators", "user_territories", "users"] {
            try await db.schema(t).delete()
        }
    }
}
