import JalonCore
import Vapor

enum StructureController {
    /// Reads the filter from the query string (French parameter names, as in the page's form).
    static func filter(_ req: Request, perPage: Int = 50) -> StructureFilter {
        func parameter(_ name: String) -> String? { req.trimmedQueryText(name, maxLength: .max) }
        var filter = StructureFilter()
        filter.territory = parameter("territoire") ?? parameter("territory")
        filter.couloir = (parameter("couloir") ?? parameter("sector")).flatMap { Couloir(code: $0) }
        filter.category = parameter("categorie") ?? parameter("category")
        filter.status =
            parameter("statut").flatMap(StructureFilter.Status.init(rawValue:)) ?? apiStatus(parameter("status"))
            ?? .open
        filter.text = parameter("q").map { String($0.prefix(200)) }
        filter.sort = parameter("tri").flatMap(StructureFilter.Sort.init(rawValue:)) ?? .name
        filter.descending = parameter("ordre") == "desc"
        filter.page = max(1, min(100_000, parameter("page").flatMap(Int.init) ?? 1))
        filter.perPage = perPage
        return filter
    }

    static func apiStatus(_ status: String?) -> StructureFilter.Status? {
        switch status {
        case "open": .open
        case "closed": .closed
        case "all": .all
        default: nil
        }
    }

    /// Resolves the territory filter to its canonical code; an unknown code is reported, not applied.
    static func resolveTerritory(_ filter: inout StructureFilter, on req: Request) async throws -> (
        Territory?, String?
    ) {
        guard let raw = filter.territory else { return (nil, nil) }
        if let territory = try await TerritoryQuery.find(raw, on: req.sql) {
            filter.territory = territory.code
            return (territory, nil)
        }
        filter.territory = nil
        return (nil, raw)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var filter = Self.filter(req)
        let (territory, unknown) = try await resolveTerritory(&filter, on: req)
        let page = try await StructureQuery.page(filter, on: req.sql)
        if unknown != nil { filter.territory = unknown }
        return .html(
            Structures.render(
                .init(
                    filter: filter, page: page, territory: territory, unknownTerritory: unknown,
                    categories: try await CategoryService.all(on: req.sql))))
    }

    @Sendable static func exportCSV(req: Request) async throws -> Response {
        var filter = Self.filter(req)
        _ = try await resolveTerritory(&filter, on: req)
        return .csv(Structures.csv(try await StructureQuery.all(filter, on: req.sql)), fileName: "structures.csv")
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        guard let structure = try await StructureQuery.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Structure inconnue « \(key) ».")
        }
        let territories =
            try await structure.communeCode.asyncMap {
                try await StructureQuery.territories(ofCommune: $0, on: req.sql)
            } ?? []
        let activities = try await ActivityQuery.timeline(structure: structure.id, on: req.sql)
        let services = try await ObservationService.servicesInUse(structure: structure.id, on: req.sql).map {
            (code: $0.indicatorCode, label: $0.label, period: Period($0.period)?.label ?? $0.period)
        }
        let contacts = try await DirectoryQuery.contacts(structure: structure.id, on: req.sql)
        return .html(
            StructureDetail.render(
                .init(
                    structure: structure, territories: territories, activities: activities, services: services,
                    contacts: contacts,
                    replaced: try await StructureDetail.replaced(structure.id, on: req.sql))))
    }
}
