import Vapor

enum HomeController {
    @Sendable static func show(req: Request) async throws -> Response {
        .html(HomeIndex.render(try await HomeIndex.query(actor: req.actor, on: req.sql)))
    }
}
