import Foundation
import JalonCore
import SQLKit

/// Demonstration values for the roadmaps of Hauts-de-France: for each indicator a roadmap follows,
/// monthly figures per département from the start of the first roadmap that follows it up to the month
/// before today, and structure-level yes/no answers for the "share of structures" indicators.
/// Each indicator draws from its own generator over its whole span, so a month's value is the same
/// whenever the demo runs: running it again writes nothing, running it a month later adds that month.
enum DemoIndicators {
    static let provenance = "import:démonstration"

    /// Where the seeds print no target (most indicators of the 2023–2027 plan), a plausible regional
    /// level at the roadmap's end: the demo targets are set to it, and the values head towards it.
    static let plausibleLevels: [String: Double] = [
        "DMP-TAUX-ALIM": 0.8, "ORDO-MEDECINS": 9_000, "ORDO-PART-MG": 0.6, "ORDO-PHARMACIES": 1_800,
        "ORDO-PART-OFFICINES": 0.5, "ORDO-OFFICINES": 0.9, "APCV-ACTIV": 0.08, "SUNES-ACTIVITE": 0.85,
        "ESMS-INSCRITS": 0.75, "MES-ACTIVATION": 0.35, "MES-OPPOSITION": 0.02,
        // Monthly amounts at the end of the roadmap, for flows.
        "DMP-ALIMENTES": 400_000, "DMP-ALIMENTES-ES": 150_000, "DMP-ALIMENTES-BIO": 200_000,
        "DMP-ALIMENTES-MDV": 50_000, "ORDO-CREEES": 900_000, "ORDO-EXECUTEES": 700_000, "TLC-MDV": 60_000
    ]

    struct Summary: Sendable {
        var observations: Int
        var alreadyLoaded: Bool
    }

    /// The months from `start` to `end`.
    static func months(from start: Day, to end: Day) -> [Period] {
        var months: [Period] = []
        var first = Day(start.year, start.month, 1)
        while first <= end {
            months.append(.month(first.year, first.month))
            first = first.addingMonths(1)
        }
        return months
    }

    /// A stable seed per indicator (FNV-1a of its code): the generator must not depend on the others.
    static func seed(_ code: String) -> UInt64 {
        code.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// Each followed indicator's span: from the earliest start to the latest end of the roadmaps following it.
    static func spans(on db: any SQLDatabase) async throws -> [String: (start: Day, end: Day)] {
        var spans: [String: (start: Day, end: Day)] = [:]
        for roadmap in try await RoadmapQuery.all(includingArchived: true, on: db) {
            guard let start = Day(iso: roadmap.startOn), let end = Day(iso: roadmap.endOn) else { continue }
            for code in try await RoadmapQuery.indicatorCodes(of: roadmap.id, on: db) {
                let known = spans[code]
                spans[code] = (min(known?.start ?? start, start), max(known?.end ?? end, end))
            }
        }
        return spans
    }

    static func load(on db: any SQLDatabase, today: Day = .today()) async throws -> Summary {
        let loadedBefore = try await db.count(
            "SELECT COUNT(*) AS n FROM observations WHERE provenance = \(bind: provenance)")
        let indicators = try await IndicatorQuery.all(on: db)
        let departements = try await TerritoryQuery.list(kind: .departement, parent: DemoRegion.region, on: db)
        guard !indicators.isEmpty, !departements.isEmpty else { return Summary(observations: 0, alreadyLoaded: false) }
        let spans = try await spans(on: db)
        // Values stop at the month before today: the current month is not over.
        let lastDay = Day(today.year, today.month, 1).addingDays(-1)
        var rows: [[any Encodable & Sendable]] = []
        let now = Date()
        func add(
            _ code: String, subject: String, territory: String?, structure: UUID?, couloir: String, period: Period,
            value: Double?, numerator: Double? = nil, denominator: Double? = nil
        ) {
            guard period.end <= lastDay else { return }
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
        let regionPopulation = Double(departements.reduce(0) { $0 + $1.population })
        // Computed indicators (the reach of the activity log) take their values from the demo activities.
        for indicator in indicators where indicator.definition.formula == nil && indicator.definition.computed == nil {
            let definition = indicator.definition
            guard let span = spans[definition.code] else { continue }
            let months = months(from: span.start, to: span.end)
            var rng = SplitMix64(seed: seed(definition.code))
            let targets = try await regionalTargets(definition, on: db).map(\.target)
            let plausible = plausibleLevels[definition.code]
            let goal = plausible ?? targets.compactMap { $0.value.number }.last
            // A printed Ségur target was reached in about 13 months (mid-2022); a plausible level at the end.
            let monthsToGoal = plausible == nil ? min(13, months.count) : months.count
            switch definition.rollup {
            case .shareOfStructures, .countOfStructures:
                let members = Set(definition.couloir.members.map(\.rawValue))
                // Reach a little above or below the target, adopted over the period.
                let share = min(1, max(0.05, (goal ?? 0.4) * (0.9 + 0.7 * rng.nextDouble())))
                for structure in structures where members.contains(structure.couloir) && rng.nextDouble() < share {
                    let month = months[Int(pow(rng.nextDouble(), 2) * Double(months.count - 1))]
                    add(
                        definition.code, subject: "S:" + structure.id.uuidString.lowercased(), territory: nil,
                        structure: structure.id,
                        couloir: definition.couloir.rawValue, period: month, value: 1)
                }
            case .none where definition.kind == .boolean || definition.kind == .qualitative:
                let month = months[Int(rng.next() % UInt64(min(12, months.count)))]
                add(
                    definition.code, subject: "T:" + DemoRegion.region, territory: DemoRegion.region, structure: nil,
                    couloir: definition.couloir.rawValue, period: month, value: 1)
            case .ratio:
                for departement in departements {
                    // Towards about the plausible level at the roadmap's end; past a printed target (mid-2022).
                    let base = (goal ?? 0.5) * (0.3 + (plausible == nil ? 0.3 : 0.2) * rng.nextDouble())
                    let growth =
                        (goal ?? 0.5)
                        * (plausible == nil ? 0.6 + 0.6 * rng.nextDouble() : 0.45 + 0.35 * rng.nextDouble())
                        / Double(months.count)
                    let denominator = Double(departement.population) / (definition.kind == .perInhabitant ? 1 : 10)
                    // A share or a rate stays under 100 %, however fast it grew towards a 100 % target: a
                    // whole région where every structure did it would not be a plausible demonstration.
                    let ceiling = [.share, .rate].contains(definition.kind) ? 0.985 : .infinity
                    for (index, month) in months.enumerated() {
                        let ratio = min(
                            ceiling, max(0, base + growth * Double(index) * (0.9 + 0.2 * rng.nextDouble())))
                        let numerator = (ratio * denominator).rounded(.down)
                        add(
                            definition.code, subject: "T:" + departement.code, territory: departement.code,
                            structure: nil, couloir: definition.couloir.rawValue, period: month,
                            value: numerator / denominator, numerator: numerator, denominator: denominator)
                    }
                }
            case .none, .sum, .mean, .min, .max:
                // A regional figure (rule "none") is drawn for the région only, the others per département.
                let subjects: [(code: String, population: Int)] =
                    definition.rollup == .none
                    ? [(DemoRegion.region, Int(regionPopulation))] : departements.map { ($0.code, $0.population) }
                for subject in subjects {
                    let scale = Double(subject.population) / max(regionPopulation, 1)
                    let regionalGoal = goal ?? 100
                    var level = regionalGoal * scale * 0.2
                    for (index, month) in months.enumerated() {
                        let amount: Double
                        if definition.nature == .flow, plausible != nil {
                            // A monthly amount that grows towards the plausible one at the roadmap's end.
                            let reached = 0.3 + 0.7 * Double(index + 1) / Double(months.count)
                            amount = (regionalGoal * scale * reached * (0.85 + 0.3 * rng.nextDouble())).rounded()
                        } else {
                            // Random rounding keeps small monthly amounts (a few actions a year) whole but
                            // unbiased.
                            let step = max(0, (regionalGoal * 0.8 / Double(monthsToGoal)) * scale)
                            amount = (step * (0.6 + 0.8 * rng.nextDouble()) + rng.nextDouble()).rounded(.down)
                        }
                        level += amount
                        add(
                            definition.code, subject: "T:" + subject.code, territory: subject.code, structure: nil,
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
            // A value someone already entered, or a demo value already there, is never overwritten.
            rows: rows, onConflictIgnore: true)
        try await setPlausibleTargets(indicators, today: today, on: db)
        let loaded = try await db.count("SELECT COUNT(*) AS n FROM observations WHERE provenance = \(bind: provenance)")
        guard loaded > loadedBefore else { return Summary(observations: loaded, alreadyLoaded: true) }
        try await RollupCache.invalidateAll(on: db)
        try await declineShareTargets(indicators, departements: departements, on: db)
        try await AuditService.record(
            db, actor: .system, action: "import", objectType: "observations", objectID: provenance,
            summary: "Valeurs de démonstration : \(loaded - loadedBefore) observations")
        return Summary(observations: loaded - loadedBefore, alreadyLoaded: false)
    }

    /// Regional demonstration targets at the end of the current roadmap, for the stocks and ratios it
    /// follows without any printed target.
    static func setPlausibleTargets(_ indicators: [StoredIndicator], today: Day, on db: any SQLDatabase)
        async throws
    {
        guard
            let roadmap = RoadmapQuery.current(try await RoadmapQuery.all(on: db), today: today),
            let end = Day(iso: roadmap.endOn)
        else { return }
        let followed = try await RoadmapQuery.indicatorCodes(of: roadmap.id, on: db)
        for indicator in indicators where followed.contains(indicator.code) {
            let definition = indicator.definition
            guard let level = plausibleLevels[definition.code], definition.nature == .stock else { continue }
            let printed = try await ProgressQuery.targets(
                definition.code, territory: DemoRegion.region, couloir: definition.couloir, roadmap: roadmap.code,
                on: db)
            guard printed.isEmpty else { continue }
            let written =
                [.share, .rate].contains(definition.kind)
                ? Format.percent(level, fractionDigits: 0) : Format.decimal(level, fractionDigits: 0)
            _ = try await TargetService.set(
                .init(
                    indicator: definition.code, territory: DemoRegion.region, couloir: definition.couloir.rawValue,
                    due: end.iso, target: written, roadmap: roadmap.code), on: db, actor: .system)
        }
    }

    /// Regional share targets declined on every département and TAN, as the regions do for their committees.
    static func declineShareTargets(
        _ indicators: [StoredIndicator], departements: [Territory], on db: any SQLDatabase
    ) async throws {
        let territories =
            departements + (try await TerritoryQuery.list(kind: .custom, parent: DemoRegion.region, on: db))
        for indicator in indicators where [.share, .rate].contains(indicator.definition.kind) {
            let definition = indicator.definition
            for (roadmap, target) in try await regionalTargets(definition, on: db) {
                guard case .number(let share) = target.value else { continue }
                for territory in territories {
                    _ = try await TargetService.set(
                        .init(
                            indicator: definition.code, territory: territory.code, couloir: definition.couloir.rawValue,
                            due: target.due.iso, target: Format.percent(share, fractionDigits: 2), roadmap: roadmap),
                        on: db, actor: .system)
                }
            }
        }
    }

    /// The regional targets of an indicator in its own couloir, whichever roadmap they belong to (its code,
    /// `""` when shared), by due date.
    static func regionalTargets(_ definition: IndicatorDefinition, on db: any SQLDatabase) async throws
        -> [(roadmap: String, target: TargetPoint)]
    {
        struct RegionalTargetRow: Decodable {
            var roadmapCode, dueOn, valueKind: String
            var valueNumber: Double?
            var valueText: String?
        }
        return try await db.select().columns("roadmap_code", "due_on", "value_kind", "value_number", "value_text")
            .from("targets").where("indicator_code", .equal, definition.code)
            .where("territory_code", .equal, DemoRegion.region).where("couloir", .equal, definition.couloir.rawValue)
            .orderBy("due_on").orderBy("roadmap_code").all(decoding: RegionalTargetRow.self, with: .snakeCase)
            .compactMap { row in
                ProgressQuery.point(row.dueOn, row.valueKind, row.valueNumber, row.valueText, nil, nil).map {
                    (row.roadmapCode, $0)
                }
            }
    }
}
