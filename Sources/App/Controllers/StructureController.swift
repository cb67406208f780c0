import JalonCore
import Vapor

enum StructureController {
    /// Reads the filter from the query string (French parameter names, as in the page's form).
    static func filter(_ req: Request, perPage: Int = 50) -> StructureFilter {
        func q(_ k: String) -> String? {
            guard let v = try? req.query.get(String.self, at: k) else { return nil }
            let t = v.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        }
        var f = StructureFilter()
        f.territory = q("territoire") ?? q("territory")
        f.couloir = (q("couloir") ?? q("sector")).flatMap { Couloir(code: $0) }
        f.category = q("categorie") ?? q("category")
        f.status = q("statut").flatMap(StructureFilter.Status.init(rawValue:)) ?? apiStatus(q("status")) ?? .open
        f.text = q("q").map { String($0.prefix(200)) }
        f.sort = q("tri").flatMap(StructureFilter.Sort.init(rawValue:)) ?? .name
        f.descending = q("ordre") == "desc"
        f.page = max(1, min(100_000, q("page").flatMap(Int.init) ?? 1))
        f.perPage = perPage
        return f
    }

    static func apiStatus(_ s: String?) -> StructureFilter.Status? {
        switch s {
        case "open": .open
        case "closed": .closed
        case "all": .all
        default: nil
        }
    }

    /// Resolves the territory filter to its canonical code; an unknown code is reported, not applied.
    static func resolveTerritory(_ f: inout StructureFilter, on req: Request) async throws -> (Territory?, String?) {
        guard let raw = f.territory else { return (nil, nil) }
        if let t = try await TerritoryQuery.find(raw, on: req.sql) {
            f.territory = t.code
            return (t, nil)
        }
        f.territory = nil
        return (nil, raw)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var f = filter(req)
        let (territory, unknown) = try await resolveTerritory(&f, on: req)
        let page = try await StructureQuery.page(f, on: req.sql)
        if unknown != nil { f.territory = unknown }
        return .html(
            Structures.render(
                .init(
                    filter: f, page: page, territory: territory, unknownTerritory: unknown,
                    categories: try await CategoryService.all(on: req.sql))))
    }

    @Sendable static func exportCSV(req: Request) async throws -> Response {
        var f = filter(req)
        _ = try await resolveTerritory(&f, on: req)
        return .csv(Structures.csv(try await StructureQuery.all(f, on: req.sql)), fileName: "structures.csv")
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        guard let s = try await StructureQuery.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Structure inconnue « \(key) ».")
        }
        let territories =
            try await s.communeCode.asyncMap { try await StructureQuery.territories(ofCommune: $0, on: req.sql) } ?? []
        let activities = try await ActivityQuery.timeline(structure: s.id, on: req.sql)
        struct U: Decodable {
            var indicator_code: String
            var label: String
            var period: String
        }
        let services = try await req.sql.raw(
            """
            SELECT o.indicator_code, i.label, MIN(o.period) AS period FROM observations o JOIN indicators i ON i.code = o.indicator_code
            WHERE o.structure_id = \(bind: s.id) AND o.value <> 0 AND o.not_provided = \(bind: false) GROUP BY o.indicator_code, i.label ORDER BY o.indicator_code
            """
        ).all(decoding: U.self).map {
            (code: $0.indicator_code, label: $0.label, period: Period($0.period)?.label ?? $0.period)
        }
        let contacts = try await DirectoryQuery.contacts(structure: s.id, on: req.sql)
        return .html(
            StructureDetail.render(
                .init(
                    structure: s, territories: territories, activities: activities, services: services,
                    contacts: contacts,
                    replaced: try await StructureDetail.replaced(s.id, on: req.sql))))
    }
}
