import Vapor

enum HomeController {
    @Sendable static func show(req: Request) async throws -> Response {
        .html(HomeIndex.render(try await HomeIndex.query(actor: req.actor, on: req.sql)))
    }

    @Sendable static func upcoming(req: Request) async throws -> Response {
        guard let model = UpcomingShow.Model(slug: req.parameters.get("slug") ?? "") else { throw Abort(.notFound) }
        return .html(UpcomingShow.render(model))
    }
}
