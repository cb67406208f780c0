import SQLKit

extension StructureIndex {
    static func query(_ filter: StructureFilter, on db: any SQLDatabase) async throws -> Model {
        var filter = filter
        let (territory, unknown) = try await StructureQuery.resolveTerritory(&filter, on: db)
        let page = try await StructureQuery.page(filter, on: db)
        // The form shows back what was typed, even a territory code that matched nothing.
        if unknown != nil { filter.territory = unknown }
        return Model(
            filter: filter, page: page, territory: territory, unknownTerritory: unknown,
            categories: try await CategoryService.all(on: db))
    }

    /// Every structure the filter selects, for the CSV export (no pagination).
    static func queryCSV(_ filter: StructureFilter, on db: any SQLDatabase) async throws -> [Structure] {
        var filter = filter
        _ = try await StructureQuery.resolveTerritory(&filter, on: db)
        return try await StructureQuery.all(filter, on: db)
    }
}
