import Vapor

enum TerritoryController {
    @Sendable static func index(req: Request) async throws -> Response {
        let q = (try? req.query.get(String.self, at: "q"))?.trimmingCharacters(in: .whitespaces)
        return .html(
            Territories.render(try await Territories.query(search: q?.isEmpty == false ? q : nil, on: req.sql)))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let t = try await TerritoryQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(code) ».")
        }
        // Aliases (a Paris arrondissement) lead to the canonical page of their commune.
        if t.code != code { return .seeOther(SiteURL.territory(t.code).path) }
        return .html(TerritoryPage.render(try await TerritoryPage.query(t, on: req.sql)))
    }
}
