import Fluent
import SQLKit

struct CreateTerritories: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("territories")
            .field("code", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("insee", .string, .required)
            .field("parent_code", .string)
            .field("population", .int64)
            .field("decoupage_id", .uuid, .references("decoupages", "id", onDelete: .restrict))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        let sql = db as! any SQLDatabase
        try await sql.create(index: "territories_parent_idx").on("territories").column("parent_code").run()
        try await sql.create(index: "territories_kind_idx").on("territories").column("kind").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("territories").delete()
    }
}
