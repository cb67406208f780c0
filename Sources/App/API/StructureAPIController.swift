import Vapor

enum StructureAPIController {
    static let perPage = 100

    @Sendable static func index(req: Request) async throws -> APIDTO.Page<APIDTO.StructureItem> {
        var filter = StructureController.filter(req, perPage: perPage)
        if let status = req.queryText("status"), StructureController.apiStatus(status) == nil {
            throw Abort(.badRequest, reason: "Statut inconnu « \(status) » (attendu : open, closed, all).")
        }
        if let couloir = req.queryText("couloir"), filter.couloir == nil {
            throw Abort(.badRequest, reason: "Couloir inconnu « \(couloir) ».")
        }
        let (_, unknown) = try await StructureQuery.resolveTerritory(&filter, on: req.sql)
        if let unknown { throw Abort(.notFound, reason: "Territoire inconnu « \(unknown) ».") }
        let page = try await StructureQuery.page(filter, on: req.sql)
        return .init(
            total: page.total, page: page.page, perPage: page.perPage, items: page.items.map(APIDTO.StructureItem.init))
    }

    @Sendable static func show(req: Request) async throws -> APIDTO.StructureDetail {
        let key = req.parameters.get("finess") ?? ""
        guard let structure = try await StructureQuery.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Structure inconnue « \(key) ».")
        }
        let territories =
            try await structure.communeCode.asyncMap {
                try await StructureQuery.territories(ofCommune: $0, on: req.sql)
            } ?? []
        return .init(
            structure: .init(structure), legalEntityName: structure.legalEntityName, siret: structure.siret,
            phone: structure.phone, territories: territories.map(\.code))
    }
}
