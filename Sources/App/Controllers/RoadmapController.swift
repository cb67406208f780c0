import JalonCore
import Vapor

enum RoadmapController {
    /// `?date=AAAA-MM-JJ&territoire=CODE&couloir=C` — the "photo à date", today by default.
    static func at(_ req: Request) throws -> Day {
        guard let raw = req.queryText("date") else { return Day.today() }
        guard let day = Day(iso: raw) else {
            throw Abort(.badRequest, reason: "Date illisible « \(raw.prefix(20)) » (AAAA-MM-JJ attendu).")
        }
        return day
    }

    static func couloir(_ req: Request) -> Couloir? {
        (try? req.query.get(String.self, at: "couloir")).flatMap { Couloir(code: $0) }
    }

    @Sendable static func dashboard(req: Request) async throws -> Response {
        let model = try await RoadmapShow.query(
            at: try at(req), territory: req.queryText("territoire"), couloir: couloir(req),
            roadmap: req.queryText("feuille"), showVariations: req.queryText("evolutions") == "1", on: req.sql)
        return .html(model.map(RoadmapShow.render) ?? RoadmapShow.renderMissing())
    }
}

extension RoadmapController {
    @Sendable static func comparison(req: Request) async throws -> Response {
        let model = try await ComparisonShow.query(
            grouping: req.queryText("decoupage"), at: try at(req), couloir: couloir(req),
            roadmap: req.queryText("feuille"), on: req.sql)
        return .html(model.map(ComparisonShow.render) ?? ComparisonShow.renderMissing())
    }
}
