import Foundation
import JalonCore
import SQLKit

/// Demonstration values for the Ségur template in Hauts-de-France: monthly figures per département
/// over three years (January 2021 to December 2023), and structure-level yes/no answers for the "share of structures"
/// indicators. Deterministic; loaded once (a second run finds them and writes nothing).
enum DemoIndicators {
    static let provenance = "import:démonstration"
    static let months: [Period] = (0..<36).map { i in
        let d = Day(2021, 1, 1).addingMonths(i)
        return .month(d.year, d.month)
    }

    struct Summary: Sendable {
        var observations: Int
        var alreadyLoaded: Bool
    }

    static func load(on db: any SQLDatabase) async throws -> Summary {
        struct N: Decodable { var n: Int }
        if let n = try await db.raw("SELECT COUNT(*) AS n FROM observations WHERE provenance = \(bind: provenance)")
            .first(decoding: N.self)?.n, n > 0
        {
            return Summary(observations: n, alreadyLoaded: true)
        }
        let indicators = try await IndicatorQuery.all(on: db)
        let departements = try await TerritoryQuery.list(kind: .departement, parent: DemoRegion.region, on: db)
        guard !indicators.isEmpty, !departements.isEmpty else { return Summary(observations: 0, alreadyLoaded: false) }
        var rng = SplitMix64(seed: 2_021_2023)
        var rows: [[any Encodable & Sendable]] = []
        let now = Date()
        func add(
            _ code: String, subject: String, territory: String?, structure: UUID?, couloir: String, period: Period,
            value: Double?, numerator: Double? = nil, denominator: Double? = nil
        ) {
            rows.append([
                UUID(), code, subject, territory, structure, couloir, period.description, period.start.iso,
                period.end.iso,
                value, numerator, denominator, false, "Démonstration", "", provenance, UUID?.none, now
            ])
        }
        struct S: Decodable {
            var id: UUID
            var couloir: String
        }
        let structures = try await db.raw(
            """
            SELECT s.id, s.couloir FROM structures s WHERE s.closed_on IS NULL
              AND s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: DemoRegion.region))
            ORDER BY s.finess_et
            """
        ).all(decoding: S.self)
        // Computed indicators (the reach of the activity log) take their values from the demo activities.
        for indicator in indicators where indicator.definition.formula == nil && indicator.definition.computed == nil {
            let d = indicator.definition
            let targets = try await ProgressQuery.targets(
                d.code, territory: DemoRegion.region, couloir: d.couloir, on: db)
            let goal = targets.compactMap { $0.value.number }.last
            switch d.rollup {
            case .shareOfStructures, .countOfStructures:
                let members = Set(d.couloir.members.map(\.rawValue))
                // Reach a little above or below the printed target, adopted over the period.
                let share = min(1, max(0.05, (goal ?? 0.4) * (0.9 + 0.7 * rng.nextDouble())))
                for s in structures where members.contains(s.couloir) && rng.nextDouble() < share {
                    let month = months[Int(pow(rng.nextDouble(), 2) * Double(months.count - 1))]
                    add(
                        d.code, subject: "S:" + s.id.uuidString.lowercased(), territory: nil, structure: s.id,
                        couloir: d.couloir.rawValue, period: month, value: 1)
                }
            case .none:
                let month = months[Int(rng.next() % 12)]
                add(
                    d.code, subject: "T:" + DemoRegion.region, territory: DemoRegion.region, structure: nil,
                    couloir: d.couloir.rawValue, period: month, value: 1)
            case .ratio:
                for dept in departements {
                    let base = (goal ?? 0.5) * (0.3 + 0.3 * rng.nextDouble())
                    let growth = (goal ?? 0.5) * (0.6 + 0.6 * rng.nextDouble()) / Double(months.count)
                    let denominator = Double(dept.population) / (d.kind == .perInhabitant ? 1 : 10)
                    for (i, month) in months.enumerated() {
                        let ratio = max(0, base + growth * Double(i) * (0.9 + 0.2 * rng.nextDouble()))
                        let num = (ratio * denominator).rounded()
                        add(
                            d.code, subject: "T:" + dept.code, territory: dept.code, structure: nil,
                            couloir: d.couloir.rawValue, period: month,
                            value: num / denominator, numerator: num, denominator: denominator)
                    }
                }
            case .sum, .mean, .min, .max:
                let regionPopulation = Double(departements.reduce(0) { $0 + $1.population })
                for dept in departements {
                    // The département's share of a regional goal reached in about 13 months (mid-2022).
                    let scale = Double(dept.population) / max(regionPopulation, 1)
                    var level = (goal ?? 100) * scale * 0.2
                    for month in months {
                        // Random rounding keeps small monthly amounts (a few actions a year) whole but unbiased.
                        let amount =
                            (max(0, ((goal ?? 100) / 13) * scale * (0.6 + 0.8 * rng.nextDouble())) + rng.nextDouble())
                            .rounded(.down)
                        level += amount
                        add(
                            d.code, subject: "T:" + dept.code, territory: dept.code, structure: nil,
                            couloir: d.couloir.rawValue, period: month,
                            value: d.nature == .flow ? amount : level.rounded())
                    }
                }
            }
        }
        try await db.insertBatched(
            into: "observations",
            columns: [
                "id", "indicator_code", "subject", "territory_code", "structure_id", "couloir", "period",
                "period_start", "period_end",
                "value", "numerator", "denominator", "not_provided", "source", "comment", "provenance", "batch_id",
                "recorded_at"
            ], rows: rows, onConflictIgnore: true)  // a value someone already entered is never overwritten by the demo
        try await RollupCache.invalidateAll(on: db)
        // Regional share targets declined on every département and TAN, as the regions do for their committees.
        let territories =
            departements + (try await TerritoryQuery.list(kind: .custom, parent: DemoRegion.region, on: db))
        for indicator in indicators where [.share, .rate].contains(indicator.definition.kind) {
            let d = indicator.definition
            for target in try await ProgressQuery.targets(
                d.code, territory: DemoRegion.region, couloir: d.couloir, on: db)
            {
                guard case .number(let v) = target.value else { continue }
                for t in territories {
                    _ = try await TargetService.set(
                        .init(
                            indicator: d.code, territory: t.code, couloir: d.couloir.rawValue, due: target.due.iso,
                            target: Format.percent(v, fractionDigits: 2)), on: db, actor: .system)
                }
            }
        }
        try await AuditService.record(
            db, actor: .system, action: "import", objectType: "observations", objectID: provenance,
            summary: "Valeurs de démonstration : \(rows.count) observations")
        return Summary(observations: rows.count, alreadyLoaded: false)
    }
}
