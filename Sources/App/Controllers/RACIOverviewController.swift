import JalonCore
import Vapor

enum RACIOverviewController {
    @Sendable static func show(req: Request) async throws -> Response {
        guard
            let model = try await RACIOverview.query(
                roadmap: req.queryText("feuille"), service: req.queryText("service"), audience: req.queryText("cible"),
                today: Day.today(), on: req.sql)
        else { throw Abort(.notFound, reason: "Aucune feuille de route.") }
        return .html(RACIOverview.render(model))
    }
}
