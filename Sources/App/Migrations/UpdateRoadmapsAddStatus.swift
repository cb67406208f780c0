import Fluent
import SQLKit

/// A roadmap is *en préparation*, *en cours* or *clôturée*; the roadmaps of before were all steered.
struct UpdateRoadmapsAddStatus: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("roadmaps").field("status", .string, .required, .sql(.default("en_cours"))).update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("roadmaps").deleteField("status").update()
    }
}
