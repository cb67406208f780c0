import Vapor

enum StructureAPIController {
    static let perPage = 100

    @Sendable static func index(req: Request) async throws -> APIDTO.Page<APIDTO.StructureItem> {
        var f = StructureController.filter(req, perPage: perPage)
        if let s = try? req.query.get(String.self, at: "status"), !s.isEmpty, StructureController.apiStatus(s) == nil {
            throw Abort(.badRequest, reason: "Statut inconnu « \(s) » (attendu : open, closed, all).")
        }
        if let c = try? req.query.get(String.self, at: "couloir"), !c.isEmpty, f.couloir == nil {
            throw Abort(.badRequest, reason: "Couloir inconnu « \(c) ».")
        }
        let (_, unknown) = try await StructureController.resolveTerritory(&f, on: req)
        if let unknown { throw Abort(.notFound, reason: "Territoire inconnu « \(unknown) ».") }
        let page = try await StructureQuery.page(f, on: req.sql)
        return .init(
            total: page.total, page: page.page, per_page: page.perPage, items: page.items.map(APIDTO.StructureItem.init)
        )
    }

    @Sendable static func show(req: Request) async throws -> APIDTO.StructureDetail {
        let key = req.parameters.get("finess") ?? ""
        guard let s = try await StructureQuery.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Structure inconnue « \(key) ».")
        }
        let territories =
            try await s.communeCode.asyncMap { try await StructureQuery.territories(ofCommune: $0, on: req.sql) } ?? []
        return .init(
            structure: .init(s), legal_entity_name: s.legalEntityName, siret: s.siret, phone: s.phone,
            territories: territories.map(\.code))
    }
}
