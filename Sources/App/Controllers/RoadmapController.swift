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
        let territory = req.queryText("territoire")
        guard
            let model = try await Dashboard.query(
                at: try at(req), territory: territory, couloir: couloir(req), on: req.sql)
        else {
            return .html(
                Layout(title: "Feuille de route", section: .roadmap).render(
                    .group(
                        UI.h1("Feuille de route"),
                        UI.alert(
                            "Aucune feuille de route : créez-la depuis le modèle national avec "
                                + "« jalon roadmap template segur-2021-2023 --region R32 » (ou « jalon demo »).",
                            kind: "info"))))
        }
        return .html(Dashboard.render(model))
    }
}

extension RoadmapController {
    @Sendable static func comparison(req: Request) async throws -> Response {
        let grouping = req.queryText("decoupage")
        guard
            let model = try await Comparison.query(
                grouping: grouping, at: try at(req), couloir: couloir(req), on: req.sql)
        else {
            return .html(
                Layout(title: "Comparaison", section: .roadmap).render(
                    UI.alert("Aucune feuille de route.", kind: "info")))
        }
        return .html(Comparison.render(model))
    }
}
