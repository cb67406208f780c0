import Foundation
import JalonCore
import SQLKit

/// Demonstration values for the Ségur template in Hauts-de-France: monthly figures per département
/// over three years (January 2021 to December 2023), and structure-level yes/no answers for the
/// "share of structures" indicators. Deterministic; loaded once (a second run finds them and writes nothing).
enum DemoIndicators {
    static let provenance = "import:démonstration"
    static let months: [Period] = (0..<36).map { offset in
        let first = Day(2021, 1, 1).addingMonths(offset)
        return .month(first.year, first.month)
    }

    struct Summary: Sendable {
        var observations: Int
        var alreadyLoaded: Bool
    }

    static func load(on db: any SQLDatabase) async throws -> Summary {
        let loaded = try await db.count("SELECT COUNT(*) AS n FROM observations WHERE provenance = \(bind: provenance)")
        if loaded > 0 {
            return Summary(observations: loaded, alreadyLoaded: true)
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
        struct StructureCouloirRow: Decodable {
            var id: UUID
            var couloir: String
        }
        let structures = try await db.raw(
            """
            SELECT s.id, s.couloir FROM structures s WHERE s.closed_on IS NULL
              AND s.commune_code IN (\(TerritoryQuery.communes(of: DemoRegion.region)))
            ORDER BY s.finess_et
            """
        ).all(decoding: StructureCouloirRow.self)
        // Computed indicators (the reach of the activity log) take their values from the demo activities.
        for indicator in indicators where indicator.definition.formula == nil && indicator.definition.computed == nil {
            let definition = indicator.definition
            let targets = try await ProgressQuery.targets(
                definition.code, territory: DemoRegion.region, couloir: definition.couloir, on: db)
            let goal = targets.compactMap { $0.value.number }.last
            switch definition.rollup {
            case .shareOfStructures, .countOfStructures:
                let members = Set(definition.couloir.members.map(\.rawValue))
                // Reach a little above or below the printed target, adopted over the period.
                let share = min(1, max(0.05, (goal ?? 0.4) * (0.9 + 0.7 * rng.nextDouble())))
                for structure in structures where members.contains(structure.couloir) && rng.nextDouble() < share {
                    let month = months[Int(pow(rng.nextDouble(), 2) * Double(months.count - 1))]
                    add(
                        definition.code, subject: "S:" + structure.id.uuidString.lowercased(), territory: nil,
                        structure: structure.id,
                        couloir: definition.couloir.rawValue, period: month, value: 1)
                }
            case .none:
                let month = months[Int(rng.next() % 12)]
                add(
                    definition.code, subject: "T:" + DemoRegion.region, territory: DemoRegion.region, structure: nil,
                    couloir: definition.couloir.rawValue, period: month, value: 1)
            case .ratio:
                for dept in departements {
                    let base = (goal ?? 0.5) * (0.3 + 0.3 * rng.nextDouble())
                    let growth = (goal ?? 0.5) * (0.6 + 0.6 * rng.nextDouble()) / Double(months.count)
                    let denominator = Double(dept.population) / (definition.kind == .perInhabitant ? 1 : 10)
                    for (i, month) in months.enumerated() {
                        let ratio = max(0, base + growth * Double(i) * (0.9 + 0.2 * rng.nextDouble()))
                        let num = (ratio * denominator).rounded()
                        add(
                            definition.code, subject: "T:" + dept.code, territory: dept.code, structure: nil,
                            couloir: definition.couloir.rawValue, period: month,
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
                        // Random rounding keeps small monthly amounts (a few actions a year) whole but
                        // unbiased.
                        let amount =
                            (max(0, ((goal ?? 100) / 13) * scale * (0.6 + 0.8 * rng.nextDouble())) + rng.nextDouble())
                            .rounded(.down)
                        level += amount
                        add(
                            definition.code, subject: "T:" + dept.code, territory: dept.code, structure: nil,
                            couloir: definition.couloir.rawValue, period: month,
                            value: definition.nature == .flow ? amount : level.rounded())
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
            ],
            // A value someone already entered is never overwritten by the demo.
            rows: rows, onConflictIgnore: true)
        try await RollupCache.invalidateAll(on: db)
        // Regional share targets declined on every département and TAN, as the regions do for their
        // committees.
        let territories =
            departements + (try await TerritoryQuery.list(kind: .custom, parent: DemoRegion.region, on: db))
        for indicator in indicators where [.share, .rate].contains(indicator.definition.kind) {
            let definition = indicator.definition
            for target in try await ProgressQuery.targets(
                definition.code, territory: DemoRegion.region, couloir: definition.couloir, on: db)
            {
                guard case .number(let share) = target.value else { continue }
                for territory in territories {
                    _ = try await TargetService.set(
                        .init(
                            indicator: definition.code, territory: territory.code, couloir: definition.couloir.rawValue,
                            due: target.due.iso, target: Format.percent(share, fractionDigits: 2)), on: db,
                        actor: .system)
                }
            }
        }
        try await AuditService.record(
            db, actor: .system, action: "import", objectType: "observations", objectID: provenance,
            summary: "Valeurs de démonstration : \(rows.count) observations")
        return Summary(observations: rows.count, alreadyLoaded: false)
    }
}
