import SQLKit

extension HomeIndex {
    static func query(on db: any SQLDatabase) async throws -> Model {
        Model(
            regions: try await TerritoryQuery.count(kind: .region, on: db),
            departements: try await TerritoryQuery.count(kind: .departement, on: db),
            communes: try await TerritoryQuery.count(kind: .commune, on: db),
            customTerritories: try await TerritoryQuery.count(kind: .custom, on: db),
            decoupages: try await DecoupageQuery.all(on: db),
            openByCouloir: try await StructureQuery.countsByCouloir(territory: nil, on: db),
            demoRegion: try await TerritoryQuery.find("R32", on: db))
    }
}
