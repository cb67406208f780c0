import SQLKit

extension TerritoryIndex {
    static func query(search: String?, on db: any SQLDatabase) async throws -> Model {
        let regions = try await TerritoryQuery.list(kind: .region, parent: nil, on: db)
        let depts = Dictionary(
            grouping: try await TerritoryQuery.list(kind: .departement, parent: nil, on: db),
            by: { $0.parentCode ?? "" })
        let results = try await search.asyncMap { try await TerritoryQuery.search($0, on: db, limit: 50) } ?? []
        return Model(
            france: try await TerritoryQuery.find("FR", on: db),
            regions: regions.sorted { $0.name < $1.name }.map { .init(region: $0, departements: depts[$0.code] ?? []) },
            decoupages: try await DecoupageQuery.all(on: db), search: search, results: results,
            counts: ReferentialCounts(
                regions: regions.count, departements: try await TerritoryQuery.count(kind: .departement, on: db),
                communes: try await TerritoryQuery.count(kind: .commune, on: db),
                customTerritories: try await TerritoryQuery.count(kind: .custom, on: db),
                openByCouloir: try await StructureQuery.countsByCouloir(territory: nil, on: db)))
    }
}
