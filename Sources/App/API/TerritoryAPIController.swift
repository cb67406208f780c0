import JalonCore
import Vapor

enum TerritoryAPIController {
    @Sendable static func index(req: Request) async throws -> [APIDTO.TerritoryItem] {
        var kind: TerritoryKind?
        if let raw = req.queryText("kind") {
            guard let parsed = TerritoryKind(rawValue: raw) else {
                let known = TerritoryKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw Abort(.badRequest, reason: "Type de territoire inconnu « \(raw) » (attendu : \(known)).")
            }
            kind = parsed
        }
        var parent: String?
        if let raw = req.queryText("parent") {
            guard let found = try await TerritoryQuery.find(raw, on: req.sql) else {
                throw Abort(.notFound, reason: "Territoire parent inconnu « \(raw) ».")
            }
            parent = found.code
        }
        if kind == nil && parent == nil { kind = .region }
        return try await TerritoryQuery.list(kind: kind, parent: parent, on: req.sql, limit: 50_000).map(
            APIDTO.TerritoryItem.init)
    }

    @Sendable static func show(req: Request) async throws -> APIDTO.TerritoryDetail {
        let code = req.parameters.get("code") ?? ""
        guard let territory = try await TerritoryQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(code) ».")
        }
        let counts = try await StructureQuery.countsByCouloir(territory: territory.code, on: req.sql)
        var structures: [String: Int] = [:]
        for couloir in Couloir.structural { structures[couloir.rawValue] = counts[couloir.rawValue] ?? 0 }
        let page = try await TerritoryShow.query(territory, on: req.sql)
        return .init(
            code: territory.code, kind: territory.kind.rawValue, name: territory.name,
            insee: territory.insee.isEmpty ? nil : territory.insee, parent: territory.parentCode,
            population: territory.population, communes: page.communeCount, structures: structures,
            memberships: page.memberships.map {
                .init(code: $0.territory.code, name: $0.territory.name, complete: $0.isComplete)
            },
            members: territory.kind == .custom ? page.members.map(\.code) : nil)
    }
}
