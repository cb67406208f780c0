import SQLKit

extension DecoupageEdit {
    static func query(
        _ decoupage: Decoupage, form: TerritoryForm = .init(), error: String? = nil, message: String? = nil,
        on db: any SQLDatabase
    ) async throws -> Model {
        let territories = try await DecoupageQuery.territories(of: decoupage.id, on: db)
        var members: [String: [String]] = [:]
        for territory in territories {
            members[territory.code] = try await TerritoryQuery.members(of: territory.code, on: db).map(\.code)
        }
        let region = try await decoupage.regionCode.asyncMap { try await TerritoryQuery.find($0, on: db) } ?? nil
        return Model(
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
