import JalonCore
import Vapor

enum EntryController {
    struct Form: Content {
        var kind: String
        var indicator: String?
        var territory: String?
        /// FINESS, RPPS or SIRET: a structure-level value (the animateurs' entries).
        var structure: String?
        var couloir: String?
        var period: String?
        var value: String?
        var numerator: String?
        var denominator: String?
        var source: String?
        var comment: String?
        var due: String?
        var target: String?
        var baseline: String?
        var baseline_on: String?
        /// An administrator's reason to write into a locked period.
        var override: String?
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map {
            $0 == "cible" ? "Cible enregistrée." : "Valeur enregistrée."
        }
        return .html(EntryPage.render(.init(indicators: try await IndicatorQuery.all(on: req.sql), message: message)))
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let f = try req.content.decode(Form.self)
        var model = EntryPage.Model(indicators: try await IndicatorQuery.all(on: req.sql))
        do {
            if f.kind == "target" {
                model.target = .init(
                    indicator: f.indicator ?? "", territory: f.territory ?? "", couloir: f.couloir ?? "",
                    due: f.due ?? "",
                    target: f.target ?? "", baseline: f.baseline ?? "", baselineOn: f.baseline_on ?? "")
                try await req.db.sqlTransaction { db in
                    _ = try await TargetService.set(
                        .init(
                            indicator: f.indicator ?? "", territory: f.territory ?? "", couloir: f.couloir,
                            due: f.due ?? "",
                            target: f.target ?? "", baseline: f.baseline, baseline_on: f.baseline_on), on: db,
                        actor: req.actor)
                }
                return .seeOther(SiteURL.entry.with([("ok", "cible")]))
            }
            model.observation = .init(
                indicator: f.indicator ?? "", territory: f.territory ?? "", structure: f.structure ?? "",
                couloir: f.couloir ?? "", period: f.period ?? "",
                value: f.value ?? "", numerator: f.numerator ?? "", denominator: f.denominator ?? "",
                source: f.source ?? "", comment: f.comment ?? "")
            let input = ObservationService.Input(
                indicator: f.indicator ?? "", territory: f.territory, structure: f.structure, couloir: f.couloir,
                period: f.period ?? "",
                value: f.value, numerator: f.numerator, denominator: f.denominator, source: f.source, comment: f.comment
            )
            _ = try await req.db.sqlTransaction { db in
                try await ObservationService.record(
                    [input], provenance: "saisie:" + req.actor.name, on: db, actor: req.actor(overriding: f.override))
            }
            return .seeOther(SiteURL.entry.with([("ok", "valeur")]))
        } catch let e as ServiceError {
            model.error = e.message
            return .html(EntryPage.render(model), status: e.status)
        }
    }
}
