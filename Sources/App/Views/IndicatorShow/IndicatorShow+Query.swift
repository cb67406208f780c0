import Foundation
import JalonCore
import SQLKit

extension IndicatorShow {
    static func row(_ result: ProgressQuery.Result) -> TerritoryRow {
        let definition = result.indicator.definition
        let progress = result.progress
        return TerritoryRow(
            territory: result.territory, rawValue: progress.value, rawTarget: progress.target?.value.number,
            value: IndicatorFormat.value(progress.value, definition),
            target: IndicatorFormat.target(progress.target, definition)
                + (progress.target.map { " (\(Milestone.label($0.due)))" } ?? ""),
            realisation: IndicatorFormat.ratio(progress.realisation),
            projection: progress.projection.map {
                IndicatorFormat.value($0, definition) + (progress.attainment.map { " — \(Format.percent($0))" } ?? "")
            } ?? "—",
            status: progress.status, provenance: result.series.provenance, inconsistent: result.inconsistent)
    }

    /// The territory asked for, else the current roadmap's région (France when there is no roadmap).
    static func territory(_ raw: String?, on db: any SQLDatabase) async throws -> Territory? {
        if let asked = try await raw.asyncMap({ try await TerritoryQuery.find($0, on: db) }) ?? nil { return asked }
        let region = try await RoadmapTemplate.currentRegion(today: Day.today(), on: db)
        return try await TerritoryQuery.find(region ?? "FR", on: db)
    }

    /// `publicDirectory` holds the map asset: without it the page has no map. `roadmap`: the code asked for
    /// (`?feuille=`), whose targets the page reads; the current roadmap when nil.
    static func query(
        _ indicator: StoredIndicator, territory: Territory, at: Day, roadmap asked: String? = nil,
        publicDirectory: String, on db: any SQLDatabase
    ) async throws -> Model {
        let definition = indicator.definition
        let roadmaps = try await RoadmapQuery.all(on: db)
        let roadmap = try await RoadmapQuery.chosen(asked, today: Day.today(), listed: roadmaps, on: db)
        // One read of the territory's targets, for its progress and for the chart.
        let targetsByKey = try await ProgressQuery.targets(
            codes: [indicator.code], territory: territory.code, roadmap: roadmap?.code, on: db)
        let main = try await ProgressQuery.progress(
            indicator: indicator, territory: territory, couloir: nil, at: at, roadmap: roadmap?.code,
            targets: targetsByKey, on: db)
        let levels = ProgressEngine.levels(
            of: main.series.points, nature: definition.nature, cumulativeSince: definition.cumulativeSince)
        let targets = targetsByKey[SeriesKey(indicator: indicator.code, couloir: main.couloir)] ?? []
        var trajectory: [(Day, Double)]?
        if let target = main.progress.target, let base = target.baseline, let from = target.baselineDate,
            let goal = target.value.number
        {
            trajectory = [(from, base), (target.due, goal)]
        }
        // Parts of the territory (départements of a région, members of a custom territory), and the découpages
        // drawn on it.
        var parts = try await ProgressQuery.parts(of: territory, on: db)
        if territory.kind == .region {
            parts += try await TerritoryQuery.list(kind: .custom, parent: territory.code, on: db).map(\.code)
        }
        var rows: [TerritoryRow] = []
        for code in parts.prefix(60) {
            guard let part = try await TerritoryQuery.find(code, on: db) else { continue }
            rows.append(
                row(
                    try await ProgressQuery.progress(
                        indicator: indicator, territory: part, couloir: main.couloir, at: at, roadmap: roadmap?.code,
                        on: db)))
        }
        struct RecordedRow: Decodable {
            var id: UUID
            var subject, period: String
            var value, numerator, denominator: Double?
            var notProvided: Bool
            var provenance: String
            var recordedAt: Date
        }
        let observations = try await db.raw(
            """
            SELECT id, subject, period, value, numerator, denominator, not_provided, provenance, recorded_at
            FROM observations
            WHERE indicator_code = \(bind: indicator.code) ORDER BY period_end DESC, subject LIMIT 50
            """
        ).all(decoding: RecordedRow.self, with: .snakeCase)
        func shown(_ value: Double?, numerator: Double?, denominator: Double?, notProvided: Bool) -> String {
            if notProvided { return "donnée non fournie" }
            let formatted = IndicatorFormat.value(
                value
                    ?? ObservationPoint(period: .year(2000), value: nil, numerator: numerator, denominator: denominator)
                    .effectiveValue, definition)
            if let numerator, let denominator {
                let shownNumerator = Format.decimal(numerator, fractionDigits: numerator.rounded() == numerator ? 0 : 2)
                let shownDenominator = Format.decimal(
                    denominator, fractionDigits: denominator.rounded() == denominator ? 0 : 2)
                return "\(formatted) (\(shownNumerator) / \(shownDenominator))"
            }
            return formatted
        }
        struct ReplacedRow: Decodable {
            var subject, period: String
            var value, numerator, denominator: Double?
            var notProvided: Bool
            var provenance: String
            var replacedAt: Date
            var replacedBy: String
        }
        let history = try await db.raw(
            """
            SELECT subject, period, value, numerator, denominator, not_provided, provenance, replaced_at, replaced_by
            FROM observation_history
            WHERE indicator_code = \(bind: indicator.code) ORDER BY replaced_at DESC LIMIT 50
            """
        ).all(decoding: ReplacedRow.self, with: .snakeCase)
        struct FicheRow: Decodable { var title: String }
        let fiches = try await db.raw(
            """
            SELECT f.title FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
            WHERE fi.indicator_code = \(bind: indicator.code)
            """
        ).all(decoding: FicheRow.self)
        let authors = (observations.map(\.provenance) + history.flatMap { [$0.provenance, $0.replacedBy] })
            .filter { $0.hasPrefix("saisie:") }.map { String($0.dropFirst(7)).components(separatedBy: " (")[0] }
        let names = try await AuditQuery.accountNames(Set(authors), on: db)
        let areas = rows.filter { $0.territory.kind == .departement }.map {
            DepartementMap.Area(
                code: $0.territory.insee, colour: DepartementMap.colour(IndicatorFormat.badgeKind($0.status)),
                title: "\($0.territory.name) : \($0.value) — \($0.status.label)")
        }
        return Model(
            indicator: indicator, at: at, territory: territory, main: row(main), series: levels,
            targets: targets.compactMap { target in target.value.number.map { (target.due, $0) } },
            trajectory: trajectory, rows: rows,
            observations: observations.map {
                ObservationRow(
                    subject: String($0.subject.dropFirst(2)), period: Period($0.period)?.label ?? $0.period,
                    value: shown(
                        $0.value, numerator: $0.numerator, denominator: $0.denominator, notProvided: $0.notProvided),
                    provenance: ProgressQuery.provenanceLabel($0.provenance, names: names),
                    recordedAt: Format.date($0.recordedAt))
            },
            history: history.map {
                let replaced = ProgressQuery.provenanceLabel($0.provenance, names: names)
                let replacement = ProgressQuery.provenanceLabel($0.replacedBy, names: names)
                return ObservationRow(
                    subject: String($0.subject.dropFirst(2)), period: Period($0.period)?.label ?? $0.period,
                    value: shown(
                        $0.value, numerator: $0.numerator, denominator: $0.denominator, notProvided: $0.notProvided),
                    provenance: "\(replaced) → remplacée par \(replacement)",
                    recordedAt: Format.date($0.replacedAt))
            },
            fiches: fiches.map(\.title),
            audit: try await AuditQuery.history(
                [
                    .objects(type: "indicator", ids: [indicator.code]),
                    .prefix(type: "target", prefix: indicator.code + "/")
                ], on: db),
            map: areas.isEmpty
                ? nil
                : DepartementMap.render(
                    areas, publicDirectory: publicDirectory, caption: "Carte des départements — \(indicator.code)"),
            variations: Variations.of(levels: levels, at: at, baseline: main.progress.target?.baseline),
            roadmap: roadmap, roadmapChoices: roadmaps)
    }
}
