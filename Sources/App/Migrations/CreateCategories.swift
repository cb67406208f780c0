import Fluent

/// FINESS categories and the couloir each one is classified into (adjustable by users).
struct CreateCategories: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("categories")
            .field("code", .string, .identifier(auto: false))
            .field("label", .string, .required)
            .field("aggregate_code", .string, .required)
            .field("couloir", .string, .required)
            .field("default_couloir", .string, .required)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("categories").delete()
    }
}
