import Vapor

enum TerritoryController {
    @Sendable static func index(req: Request) async throws -> Response {
        let search = req.trimmedQueryText("q", maxLength: .max)
        return .html(TerritoryIndex.render(try await TerritoryIndex.query(search: search, on: req.sql)))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let territory = try await TerritoryQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(code) ».")
        }
        // Aliases (a Paris arrondissement) lead to the canonical page of their commune.
        if territory.code != code { return .seeOther(SiteURL.territory(territory.code).path) }
        return .html(TerritoryShow.render(try await TerritoryShow.query(territory, on: req.sql)))
    }
}
