import Fluent

/// Indicators computed from the activity log (`touchees:ES`, `actions`…), see `ActivityMeasure`.
struct UpdateIndicatorsAddComputed: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("indicators").field("computed", .string).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("indicators").deleteField("computed").update()
    }
}
