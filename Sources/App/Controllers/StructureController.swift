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

    @Sendable static func index(req: Request) async throws -> Response {
        .html(StructureIndex.render(try await StructureIndex.query(filter(req), on: req.sql)))
    }

    @Sendable static func exportCSV(req: Request) async throws -> Response {
        .csv(
            StructureIndex.csv(try await StructureIndex.queryCSV(filter(req), on: req.sql)),
            fileName: "structures.csv")
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let key = req.parameters.get("key") ?? ""
        guard let structure = try await StructureQuery.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Structure inconnue « \(key) ».")
        }
        var model = try await StructureShow.query(structure, on: req.sql)
        model.showsAmounts = ProgrammeController.showsAmounts(req)
        return .html(StructureShow.render(model))
    }
}
