import Fluent

/// An archived roadmap leaves the selectors but keeps its fiches, photos and history.
struct UpdateRoadmapsAddArchivedAt: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("roadmaps").field("archived_at", .datetime).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("roadmaps").deleteField("archived_at").update()
    }
}
