import JalonCore
import SQLKit

extension TerritoryShow {
    static let childLimit = 1000

    static func query(_ territory: Territory, on db: any SQLDatabase) async throws -> Model {
        var children: [Territory]
        var title: String
        switch territory.kind {
        case .country:
            children = try await TerritoryQuery.list(kind: .region, parent: nil, on: db)
            title = "Régions"
        case .region:
            children = try await TerritoryQuery.list(kind: .departement, parent: territory.code, on: db)
            title = "Départements"
        case .departement:
            children = try await TerritoryQuery.children(of: territory.code, on: db)
            title = "Communes"
        case .epci, .custom:
            children = try await TerritoryQuery.communes(of: territory.code, on: db)
            title = "Communes"
        case .commune:
            children = []
            title = ""
        }
        let communeCount = try await db.count(
            "SELECT COUNT(*) AS n FROM territory_communes WHERE territory_code = \(bind: territory.code)")
        let total = children.count
        children = Array(
            children.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }.prefix(childLimit))
        var decoupage: Decoupage?
        if let id = territory.decoupageID { decoupage = try await DecoupageQuery.all(on: db).first { $0.id == id } }
        return Model(
            territory: territory, ancestors: try await TerritoryQuery.ancestors(of: territory, on: db),
            children: children,
            childrenTitle: title,
            childrenTotal: total,
            members: territory.kind == .custom ? try await TerritoryQuery.members(of: territory.code, on: db) : [],
            decoupage: decoupage, memberships: try await TerritoryQuery.customMemberships(of: territory.code, on: db),
            openByCouloir: try await StructureQuery.countsByCouloir(territory: territory.code, on: db),
            communeCount: communeCount,
            history: try await AuditQuery.history(
                [
                    .objects(type: "territory", ids: [territory.code]),
                    .infix(type: "target", part: "/\(territory.code)/")
                ], on: db))
    }
}
