import Fluent

struct CreateDecoupages: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("decoupages")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("region_code", .string)
            .field("description", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
    }

    func revert(on db: Database) async throws {
        try await db.schema("decoupages").delete()
    }
}
