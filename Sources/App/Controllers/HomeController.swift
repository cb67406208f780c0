import Vapor

enum HomeController {
    @Sendable static func show(req: Request) async throws -> Response {
        .html(Home.render(try await Home.query(on: req.sql)))
    }

    @Sendable static func upcoming(req: Request) async throws -> Response {
        guard let page = Upcoming.render(slug: req.parameters.get("slug") ?? "") else { throw Abort(.notFound) }
        return .html(page)
    }
}
