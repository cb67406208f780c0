import SQLKit

extension Decoupages {
    static func query(error: String? = nil, on db: any SQLDatabase) async throws -> Model {
        Model(
            decoupages: try await DecoupageQuery.all(on: db),
            regions: try await TerritoryQuery.list(kind: .region, parent: nil, on: db).sorted { $0.name < $1.name },
            error: error)
    }

    static func queryEditor(
        _ d: Decoupage, form: TerritoryForm = .init(), error: String? = nil, message: String? = nil,
        on db: any SQLDatabase
    ) async throws -> EditorModel {
        let territories = try await DecoupageQuery.territories(of: d.id, on: db)
        var members: [String: [String]] = [:]
        for t in territories { members[t.code] = try await TerritoryQuery.members(of: t.code, on: db).map(\.code) }
        let region = try await d.regionCode.asyncMap { try await TerritoryQuery.find($0, on: db) } ?? nil
        return EditorModel(
            decoupage: d, territories: territories, members: members, regionPopulation: region?.population,
            error: error, message: message, form: form,
            history: try await AuditQuery.history(
                [.objects(type: "decoupage", ids: [d.code]), .objects(type: "territory", ids: territories.map(\.code))],
                on: db))
    }
}
