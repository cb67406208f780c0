import JalonCore
import Vapor

enum TerritoryAPIController {
    @Sendable static func index(req: Request) async throws -> [APIDTO.TerritoryItem] {
        var kind: TerritoryKind?
        if let raw = try? req.query.get(String.self, at: "kind"), !raw.isEmpty {
            guard let k = TerritoryKind(rawValue: raw) else {
                throw Abort(
                    .badRequest,
                    reason:
                        "Type de territoire inconnu « \(raw) » (attendu : \(TerritoryKind.allCases.map(\.rawValue).joined(separator: ", ")))."
                )
            }
            kind = k
        }
        var parent: String?
        if let raw = try? req.query.get(String.self, at: "parent"), !raw.isEmpty {
            guard let p = try await TerritoryQuery.find(raw, on: req.sql) else {
                throw Abort(.notFound, reason: "Territoire parent inconnu « \(raw) ».")
            }
            parent = p.code
        }
        if kind == nil && parent == nil { kind = .region }
        return try await TerritoryQuery.list(kind: kind, parent: parent, on: req.sql, limit: 50_000).map(
            APIDTO.TerritoryItem.init)
    }

    @Sendable static func show(req: Request) async throws -> APIDTO.TerritoryDetail {
        let code = req.parameters.get("code") ?? ""
        guard let t = try await TerritoryQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(code) ».")
        }
        let counts = try await StructureQuery.countsByCouloir(territory: t.code, on: req.sql)
        var structures: [String: Int] = [:]
        for c in Couloir.structural { structures[c.rawValue] = counts[c.rawValue] ?? 0 }
        let page = try await TerritoryPage.query(t, on: req.sql)
        return .init(
            code: t.code, kind: t.kind.rawValue, name: t.name, insee: t.insee.isEmpty ? nil : t.insee,
            parent: t.parentCode,
            population: t.population, communes: page.communeCount, structures: structures,
            memberships: page.memberships.map {
                .init(code: $0.territory.code, name: $0.territory.name, complete: $0.isComplete)
            },
            members: t.kind == .custom ? page.members.map(\.code) : nil)
    }
}
