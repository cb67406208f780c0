import JalonCore
import Vapor

enum IndicatorController {
    @Sendable static func index(req: Request) async throws -> Response {
        .html(IndicatorIndex.render(try await IndicatorIndex.query(on: req.sql)))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let indicator = try await IndicatorQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Indicateur inconnu « \(code) ».")
        }
        let raw = req.queryText("territoire")
        guard let territory = try await IndicatorShow.territory(raw, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(raw ?? "") ».")
        }
        let model = try await IndicatorShow.query(
            indicator, territory: territory, at: try RoadmapController.at(req), roadmap: req.queryText("feuille"),
            publicDirectory: req.application.config.publicDirectory, on: req.sql)
        return .html(IndicatorShow.render(model))
    }
}
