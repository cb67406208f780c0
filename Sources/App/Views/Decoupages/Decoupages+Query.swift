import SQLKit

extension Decoupages {
    static func query(error: String? = nil, on db: any SQLDatabase) async throws -> Model {
        Model(
            decoupages: try await DecoupageQuery.all(on: db),
            regions: try await TerritoryQuery.list(kind: .region, parent: nil, on: db).sorted { $0.name < $1.name },
            error: error)
    }

    static func queryEditor(
        _ decoupage: Decoupage, form: TerritoryForm = .init(), error: String? = nil, message: String? = nil,
        on db: any SQLDatabase
    ) async throws -> EditorModel {
        let territories = try await DecoupageQuery.territories(of: decoupage.id, on: db)
        var members: [String: [String]] = [:]
        for territory in territories {
            members[territory.code] = try await TerritoryQuery.members(of: territory.code, on: db).map(\.code)
        }
        let region = try await decoupage.regionCode.asyncMap { try await TerritoryQuery.find($0, on: db) } ?? nil
        return EditorModel(
            decoupage: decoupage, territories: territories, members: members, regionPopulation: region?.population,
            error: error, message: message, form: form,
            history: try await AuditQuery.history(
                [
                    .objects(type: "decoupage", ids: [decoupage.code]),
                    .objects(type: "territory", ids: territories.map(\.code))
                ],
                on: db))
    }
}
