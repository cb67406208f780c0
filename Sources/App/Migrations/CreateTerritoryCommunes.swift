import Fluent
import SQLKit

/// Every territory's communes, materialised (each commune also contains itself), so that
/// "structures of territory X" and "population of X" are one join whatever the kind of X.
struct CreateTerritoryCommunes: AsyncMigration {
    func prepare(on db: Database) async throws {
        try await db.schema("territory_communes")
            .field("territory_code", .string, .required, .references("territories", "code", onDelete: .cascade))
            .field("commune_code", .string, .required)
            .unique(on: "territory_code", "commune_code")
            .create()
        try await (db as! any SQLDatabase).create(index: "territory_communes_commune_idx")
            .on("territory_communes").column("commune_code").run()
    }

    func revert(on db: Database) async throws {
        try await db.schema("territory_communes").delete()
    }
}
