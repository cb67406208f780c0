import SQLKit

extension DecoupageIndex {
    static func query(error: String? = nil, on db: any SQLDatabase) async throws -> Model {
        Model(
            decoupages: try await DecoupageQuery.all(on: db),
            regions: try await TerritoryQuery.list(kind: .region, parent: nil, on: db).sorted { $0.name < $1.name },
            error: error)
    }
}
