import Foundation
import JalonCore
import SQLKit

extension IndicatorPage {
    static func row(_ r: ProgressQuery.Result) -> TerritoryRow {
        let d = r.indicator.definition
        return TerritoryRow(
            territory: r.territory, rawValue: r.progress.value, rawTarget: r.progress.target?.value.number,
            value: IndicatorFormat.value(r.progress.value, d),
            target: IndicatorFormat.target(r.progress.target, d)
                + (r.progress.target.map { " (\(Milestone.label($0.due)))" } ?? ""),
            realisation: IndicatorFormat.ratio(r.progress.realisation),
            projection: r.progress.projection.map {
                IndicatorFormat.value($0, d) + (r.progress.attainment.map { " — \(Format.percent($0))" } ?? "")
            } ?? "—",
            status: r.progress.status, provenance: r.series.provenance, inconsistent: r.inconsistent)
    }

    static func query(_ indicator: StoredIndicator, territory: Territory, at: Day, on db: any SQLDatabase) async throws
        -> Model
    {
        let d = indicator.definition
        let main = try await ProgressQuery.progress(
            indicator: indicator, territory: territory, couloir: nil, at: at, on: db)
        let levels = ProgressEngine.levels(of: main.series.points, nature: d.nature, cumulativeSince: d.cumulativeSince)
        let targets = try await ProgressQuery.targets(
            indicator.code, territory: territory.code, couloir: main.couloir, on: db)
        var trajectory: [(Day, Double)]?
        if let t = main.progress.target, let base = t.baseline, let from = t.baselineDate, let goal = t.value.number {
            trajectory = [(from, base), (t.due, goal)]
        }
        // Parts of the territory (départements of a région, members of a custom territory), and the découpages drawn on it.
        var parts = try await ProgressQuery.parts(of: territory, on: db)
        if territory.kind == .region {
            parts += try await TerritoryQuery.list(kind: .custom, parent: territory.code, on: db).map(\.code)
        }
        var rows: [TerritoryRow] = []
        for code in parts.prefix(60) {
            guard let t = try await TerritoryQuery.find(code, on: db) else { continue }
            rows.append(
                row(
                    try await ProgressQuery.progress(
                        indicator: indicator, territory: t, couloir: main.couloir, at: at, on: db)))
        }
        struct O: Decodable {
            var id: UUID
            var subject, period: String
            var value, numerator, denominator: Double?
            var not_provided: Bool
            var provenance: String
            var recorded_at: Date
        }
        let observations = try await db.raw(
            """
            SELECT id, subject, period, value, numerator, denominator, not_provided, provenance, recorded_at FROM observations
            WHERE indicator_code = \(bind: indicator.code) ORDER BY period_end DESC, subject LIMIT 50
            """
        ).all(decoding: O.self)
        func show(_ o: (Double?, Double?, Double?, Bool)) -> String {
            if o.3 { return "donnée non fournie" }
            let v = IndicatorFormat.value(
                o.0
                    ?? ObservationPoint(period: .year(2000), value: nil, numerator: o.1, denominator: o.2)
                    .effectiveValue, d)
            if let n = o.1, let den = o.2 {
                return
                    "\(v) (\(Format.decimal(n, fractionDigits: n.rounded() == n ? 0 : 2)) / \(Format.decimal(den, fractionDigits: den.rounded() == den ? 0 : 2)))"
            }
            return v
        }
        struct H: Decodable {
            var subject, period: String
            var value, numerator, denominator: Double?
            var not_provided: Bool
            var provenance: String
            var replaced_at: Date
            var replaced_by: String
        }
        let history = try await db.raw(
            """
            SELECT subject, period, value, numerator, denominator, not_provided, provenance, replaced_at, replaced_by FROM observation_history
            WHERE indicator_code = \(bind: indicator.code) ORDER BY replaced_at DESC LIMIT 50
            """
        ).all(decoding: H.self)
        struct F: Decodable { var title: String }
        let fiches = try await db.raw(
            "SELECT f.title FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id WHERE fi.indicator_code = \(bind: indicator.code)"
        ).all(decoding: F.self)
        let authors = (observations.map(\.provenance) + history.flatMap { [$0.provenance, $0.replaced_by] })
            .filter { $0.hasPrefix("saisie:") }.map { String($0.dropFirst(7)).components(separatedBy: " (")[0] }
        let names = try await AuditQuery.accountNames(Set(authors), on: db)
        return Model(
            indicator: indicator, at: at, territory: territory, main: row(main), series: levels,
            targets: targets.compactMap { t in t.value.number.map { (t.due, $0) } }, trajectory: trajectory, rows: rows,
            observations: observations.map {
                ObservationRow(
                    subject: String($0.subject.dropFirst(2)), period: Period($0.period)?.label ?? $0.period,
                    value: show(($0.value, $0.numerator, $0.denominator, $0.not_provided)),
                    provenance: ProgressQuery.provenanceLabel($0.provenance, names: names),
                    recordedAt: Format.date($0.recorded_at))
            },
            history: history.map {
                ObservationRow(
                    subject: String($0.subject.dropFirst(2)), period: Period($0.period)?.label ?? $0.period,
                    value: show(($0.value, $0.numerator, $0.denominator, $0.not_provided)),
                    provenance:
                        "\(ProgressQuery.provenanceLabel($0.provenance, names: names)) → remplacée par \(ProgressQuery.provenanceLabel($0.replaced_by, names: names))",
                    recordedAt: Format.date($0.replaced_at))
            },
            fiches: fiches.map(\.title),
            audit: try await AuditQuery.history(
                [
                    .objects(type: "indicator", ids: [indicator.code]),
                    .prefix(type: "target", prefix: indicator.code + "/")
                ], on: db))
    }
}
