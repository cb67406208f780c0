import Fluent

/// The seeds steer "par priorités" (1 Ségur, 2 télésanté, 3 services régionaux).
struct UpdateObjectivesAddPriority: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("objectives").field("priority", .int).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("objectives").deleteField("priority").update()
    }
}
