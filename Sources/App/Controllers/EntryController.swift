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
        /// A qualitative value's status, given by its pilote.
        var status: String?
        var due: String?
        var target: String?
        var baseline: String?
        var baselineOn: String?
        /// The roadmap a target belongs to; empty for one shared by all.
        var roadmap: String?
        /// An administrator's reason to write into a locked period.
        var override: String?

        enum CodingKeys: String, CodingKey {
            case kind, indicator, territory, structure, couloir, period, value, numerator, denominator, source, comment
            case status
            case due, target, baseline
            case baselineOn = "baseline_on"
            case override
        }
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map {
            $0 == "cible" ? "Cible enregistrée." : "Valeur enregistrée."
        }
        var model = try await EntryEdit.query(on: req.sql)
        model.message = message
        return .html(EntryEdit.render(model))
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var model = try await EntryEdit.query(on: req.sql)
        do {
            if form.kind == "target" {
                model.target = .init(
                    indicator: form.indicator ?? "", territory: form.territory ?? "", couloir: form.couloir ?? "",
                    due: form.due ?? "",
                    target: form.target ?? "", baseline: form.baseline ?? "", baselineOn: form.baselineOn ?? "",
                    roadmap: form.roadmap ?? "")
                try await req.db.sqlTransaction { db in
                    _ = try await TargetService.set(
                        .init(
                            indicator: form.indicator ?? "", territory: form.territory ?? "", couloir: form.couloir,
                            due: form.due ?? "",
                            target: form.target ?? "", baseline: form.baseline, baselineOn: form.baselineOn,
                            roadmap: form.roadmap), on: db, actor: req.actor)
                }
                return .seeOther(SiteURL.entry.with([("ok", "cible")]))
            }
            model.observation = .init(
                indicator: form.indicator ?? "", territory: form.territory ?? "", structure: form.structure ?? "",
                couloir: form.couloir ?? "", period: form.period ?? "",
                value: form.value ?? "", numerator: form.numerator ?? "", denominator: form.denominator ?? "",
                source: form.source ?? "", comment: form.comment ?? "", status: form.status ?? "")
            let input = ObservationService.Input(
                indicator: form.indicator ?? "", territory: form.territory, structure: form.structure,
                couloir: form.couloir,
                period: form.period ?? "",
                value: form.value, numerator: form.numerator, denominator: form.denominator, source: form.source,
                comment: form.comment, status: form.status
            )
            _ = try await req.db.sqlTransaction { db in
                try await ObservationService.record(
                    [input], provenance: "saisie:" + req.actor.name, on: db, actor: req.actor(overriding: form.override)
                )
            }
            return .seeOther(SiteURL.entry.with([("ok", "valeur")]))
        } catch let error as ServiceError {
            model.error = error.message
            return .html(EntryEdit.render(model), status: error.status)
        }
    }
}
