import JalonCore
import Vapor

enum IndicatorController {
    @Sendable static func index(req: Request) async throws -> Response {
        .html(IndicatorPage.renderList(.init(indicators: try await IndicatorQuery.all(on: req.sql))))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let indicator = try await IndicatorQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Indicateur inconnu « \(code) ».")
        }
        let raw = req.queryText("territoire")
        var territory = try await raw.asyncMap { try await TerritoryQuery.find($0, on: req.sql) } ?? nil
        if territory == nil {
            let region = try await RoadmapTemplate.firstRoadmapRegion(on: req.sql)
            territory = try await TerritoryQuery.find(region ?? "FR", on: req.sql)
        }
        guard let territory else { throw Abort(.notFound, reason: "Territoire inconnu « \(raw ?? "") ».") }
        var model = try await IndicatorPage.query(
            indicator, territory: territory, at: try RoadmapController.at(req), on: req.sql)
        let areas = model.rows.filter { $0.territory.kind == .departement }.map {
            DepartementMap.Area(
                code: $0.territory.insee, colour: DepartementMap.colour(IndicatorFormat.badgeKind($0.status)),
                title: "\($0.territory.name) : \($0.value) — \($0.status.label)")
        }
        if !areas.isEmpty {
            model.map = DepartementMap.render(
                areas, publicDirectory: req.application.config.publicDirectory,
                caption: "Carte des départements — \(indicator.code)")
        }
        return .html(IndicatorPage.render(model))
    }
}
