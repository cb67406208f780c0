import Fluent
import SQLKit

/// An indicator follows a fiche as *national* or as *régional complémentaire* (the NA fiches' second table).
struct UpdateFicheIndicatorsAddRole: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("fiche_indicators").field("role", .string, .required, .sql(.default("national")))
            .update()
    }

    func revert(on db: Database) async throws {
        try await db.schema("fiche_indicators").deleteField("role").update()
    }
}
