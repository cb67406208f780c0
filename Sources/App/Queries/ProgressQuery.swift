import Foundation
import JalonCore
import SQLKit

/// Where an indicator stands for a territory and couloir at a date: its series (own observations,
/// or the roll-up of its parts, or its formula), its targets, and the engine's verdict.
enum ProgressQuery {
    struct Series: Sendable {
        var points: [ObservationPoint]
        /// Where the values come from, in French.
        var provenance: String
        var isOwn: Bool
    }

    struct Result: Sendable {
        var indicator: StoredIndicator
        var territory: Territory
        var couloir: Couloir
        var at: Day
        var progress: JalonCore.Progress
        var series: Series
        /// The roll-up of the parts when the territory has its own value, and whether they disagree (> 0,5 %).
        var rolledUp: Double?
        var inconsistent: Bool
    }

    /// `cached`: entries of the roll-up layer already fetched by the caller (a dashboard fetches them all at once).
    static func progress(
        indicator: StoredIndicator, territory: Territory, couloir: Couloir?, at: Day,
        roadmap: String?, cached: [SeriesKey: RollupCache.Entry]? = nil,
        targets prefetched: [SeriesKey: [TargetPoint]]? = nil, on db: any SQLDatabase
    ) async throws -> Result {
        let couloir = couloir ?? indicator.definition.couloir
        let entry = try await self.entry(indicator, territory: territory, couloir: couloir, cached: cached, on: db)
        let series = entry.series
        var rolledUp: Double?
        var inconsistent = false
        let definition = indicator.definition
        if series.isOwn, let parts = entry.partsSeries,
            let partsValue = ProgressEngine.value(
                of: parts, nature: definition.nature, cumulativeSince: definition.cumulativeSince, at: at),
            let ownValue = ProgressEngine.value(
                of: series.points, nature: definition.nature, cumulativeSince: definition.cumulativeSince, at: at),
            ownValue.date == partsValue.date
        {
            rolledUp = partsValue.value
            inconsistent = Rollup.isInconsistent(own: ownValue.value, rolledUp: partsValue.value)
        }
        let targets: [TargetPoint]
        if let prefetched {
            targets = prefetched[SeriesKey(indicator: indicator.code, couloir: couloir)] ?? []
        } else {
            targets = try await self.targets(
                indicator.code, territory: territory.code, couloir: couloir, roadmap: roadmap, on: db)
        }
        let progress = ProgressEngine.progress(definition, series: series.points, targets: targets, at: at)
        return Result(
            indicator: indicator, territory: territory, couloir: couloir, at: at, progress: progress, series: series,
            rolledUp: rolledUp, inconsistent: inconsistent)
    }

    /// The series from the roll-up layer, computed and stored there on a miss.
    static func entry(
        _ indicator: StoredIndicator, territory: Territory, couloir: Couloir, cached: [SeriesKey: RollupCache.Entry]?,
        on db: any SQLDatabase
    ) async throws -> RollupCache.Entry {
        let key = SeriesKey(indicator: indicator.code, couloir: couloir)
        if let hit = cached?[key] { return hit }
        if cached == nil,
            let hit = try await RollupCache.get(indicators: [indicator.code], territory: territory.code, on: db)[key]
        {
            return hit
        }
        let epoch = try await RollupCache.epoch(on: db)
        let computed = try await resolve(indicator, territory: territory, couloir: couloir, on: db)
        try await RollupCache.put(
            computed, indicator: indicator.code, territory: territory.code, couloir: couloir, epoch: epoch, on: db)
        return computed
    }

    /// Computes a series from the raw rows: the activity log for computed indicators; own observations
    /// (and the parts, to compare), else the roll-up of the parts or of the structures, else the formula.
    static func resolve(_ indicator: StoredIndicator, territory: Territory, couloir: Couloir, on db: any SQLDatabase)
        async throws -> RollupCache.Entry
    {
        if let computed = indicator.definition.computed {
            let series =
                switch computed {
                case .activity(let measure):
                    try await ActivitySeries.series(
                        measure, indicator: indicator.definition, territory: territory, couloir: couloir, on: db)
                case .programme(let measure):
                    try await ProgrammeSeries.series(measure, territory: territory, couloir: couloir, on: db)
                }
            return .init(
                points: series.points.map(RollupCache.Point.init), provenance: series.provenance, isOwn: false,
                parts: nil)
        }
        if let formula = indicator.definition.formula {
            let series = try await formulaSeries(
                indicator, formula: formula, territory: territory, couloir: couloir, on: db)
            return .init(
                points: series.points.map(RollupCache.Point.init), provenance: series.provenance, isOwn: false,
                parts: nil)
        }
        let own = try await ownSeries(indicator.code, subject: "T:" + territory.code, couloir: couloir, on: db)
        let parts = try await partsSeries(indicator, territory: territory, couloir: couloir, on: db)
        if !own.points.isEmpty {
            return .init(
                points: own.points.map(RollupCache.Point.init), provenance: own.provenance, isOwn: true,
                parts: parts?.points.map(RollupCache.Point.init))
        }
        let rolledUp = parts ?? Series(points: [], provenance: "aucune donnée", isOwn: false)
        return .init(
            points: rolledUp.points.map(RollupCache.Point.init), provenance: rolledUp.provenance, isOwn: false,
            parts: nil)
    }

    struct ObservationRow: Decodable {
        var period: String
        var value, numerator, denominator: Double?
        var notProvided: Bool
        var provenance: String
        var source: String

        var point: ObservationPoint? {
            Period(period).map {
                ObservationPoint(
                    period: $0, value: value, numerator: numerator, denominator: denominator, notProvided: notProvided)
            }
        }
    }

    static func ownSeries(_ code: String, subject: String, couloir: Couloir, on db: any SQLDatabase) async throws
        -> Series
    {
        let rows = try await db.select().columns(
            "period", "value", "numerator", "denominator", "not_provided", "provenance", "source"
        ).from("observations")
            .where("indicator_code", .equal, code).where("subject", .equal, subject).where(
                "couloir", .equal, couloir.rawValue
            )
            .orderBy("period_end").all(decoding: ObservationRow.self, with: .snakeCase)
        let last = rows.last
        // Only an entry's author needs a lookup, and only the latest value's is shown.
        let author = last.flatMap {
            $0.provenance.hasPrefix("saisie:")
                ? String($0.provenance.dropFirst(7)).components(separatedBy: " (")[0] : nil
        }
        let names = try await AuditQuery.accountNames(Set(author.map { [$0] } ?? []), on: db)
        let provenance =
            last.map { latest in
                [
                    latest.source.isEmpty ? nil : "source : \(latest.source)",
                    Self.provenanceLabel(latest.provenance, names: names)
                ]
                .compactMap { $0 }.joined(separator: " · ")
            } ?? "aucune donnée"
        return Series(points: rows.compactMap(\.point), provenance: provenance, isOwn: true)
    }

    /// Where a value comes from, as every role reads it: an entry names its author by his name when
    /// `names` knows it (`AuditQuery.accountNames`), never by his e-mail.
    static func provenanceLabel(_ provenance: String, names: [String: String] = [:]) -> String {
        if provenance.hasPrefix("saisie:") {
            let author = String(provenance.dropFirst(7))
            guard author.contains("@") else { return "saisie manuelle (\(author))" }
            return names[author.components(separatedBy: " (").first ?? author].map { "saisie manuelle (\($0))" }
                ?? "saisie manuelle"
        }
        if provenance.hasPrefix("import:") { return "import \(provenance.dropFirst(7))" }
        return provenance
    }

    /// The territories whose values add up to this one: régions of France, départements of a région,
    /// members of a custom territory.
    static func parts(of territory: Territory, on db: any SQLDatabase) async throws -> [String] {
        switch territory.kind {
        case .country: try await TerritoryQuery.list(kind: .region, parent: nil, on: db).map(\.code)
        case .region: try await TerritoryQuery.list(kind: .departement, parent: territory.code, on: db).map(\.code)
        case .custom: try await TerritoryQuery.members(of: territory.code, on: db).map(\.code)
        case .departement, .epci: try await TerritoryQuery.communes(of: territory.code, on: db).map(\.code)
        case .commune: []
        }
    }

    static func partsSeries(
        _ indicator: StoredIndicator, territory: Territory, couloir: Couloir, on db: any SQLDatabase
    ) async throws -> Series? {
        let rule = indicator.definition.rollup
        switch rule {
        case .none:
            return nil
        case .shareOfStructures, .countOfStructures:
            return try await structureSeries(indicator, territory: territory, couloir: couloir, on: db)
        default:
            let parts = try await parts(of: territory, on: db)
            guard !parts.isEmpty else { return nil }
            let rows = try await db.select().columns(
                "subject", "period", "value", "numerator", "denominator", "not_provided", "provenance", "source"
            ).from("observations")
                .where("indicator_code", .equal, indicator.code).where("couloir", .equal, couloir.rawValue)
                .where("subject", .in, parts.map { "T:" + $0 }).all(decoding: ObservationRow.self, with: .snakeCase)
            guard !rows.isEmpty else { return nil }
            var byPeriod: [Period: [ObservationPoint]] = [:]
            for row in rows {
                if let point = row.point { byPeriod[point.period, default: []].append(point) }
            }
            let points = byPeriod.keys.sorted().compactMap { period -> ObservationPoint? in
                let children = byPeriod[period]!
                let value = Rollup.combine(rule, children)
                if rule == .ratio {
                    let usable = children.filter { !$0.notProvided && $0.numerator != nil && $0.denominator != nil }
                    return ObservationPoint(
                        period: period, value: value, numerator: usable.reduce(0) { $0 + $1.numerator! },
                        denominator: usable.reduce(0) { $0 + $1.denominator! })
                }
                return value.map { ObservationPoint(period: period, value: $0) }
            }
            let count = Set(rows.map(\.period)).isEmpty ? 0 : parts.count
            return Series(
                points: points,
                provenance: "agrégation (\(rule.rawValue)) des \(count) territoires qui le composent",
                isOwn: false)
        }
    }

    /// Structure-level yes/no answers over the open structures of the couloir in the territory.
    static func structureSeries(
        _ indicator: StoredIndicator, territory: Territory, couloir: Couloir, on db: any SQLDatabase
    ) async throws -> Series? {
        let members = couloir.members.map(\.rawValue)
        struct AnswerRow: Decodable {
            var structureID: UUID
            var periodEnd: String
            var value: Double?
            var notProvided: Bool
        }
        let rows = try await db.raw(
            """
            SELECT o.structure_id, o.period_end, o.value, o.not_provided
            FROM observations o JOIN structures s ON s.id = o.structure_id
            WHERE o.indicator_code = \(bind: indicator.code) AND s.couloir IN (\(binds: members))
              AND s.commune_code IN (\(TerritoryQuery.communes(of: territory.code)))
            ORDER BY o.period_end
            """
        ).all(decoding: AnswerRow.self, with: .snakeCase)
        let open = try await db.count(
            """
            SELECT COUNT(*) AS n FROM structures s WHERE s.closed_on IS NULL AND s.couloir IN (\(binds: members))
              AND s.commune_code IN (\(TerritoryQuery.communes(of: territory.code)))
            """)
        guard !rows.isEmpty else { return nil }
        var latest: [UUID: Bool] = [:]
        var points: [ObservationPoint] = []
        var index = 0
        while index < rows.count {
            let date = rows[index].periodEnd
            while index < rows.count, rows[index].periodEnd == date {
                let row = rows[index]
                if !row.notProvided, let value = row.value { latest[row.structureID] = value != 0 }
                index += 1
            }
            let yes = latest.values.filter { $0 }.count
            if let value = Rollup.structures(indicator.definition.rollup, yes: yes, open: open),
                let day = Day(iso: date)
            {
                points.append(
                    ObservationPoint(
                        period: .day(day), value: value, numerator: Double(yes), denominator: Double(open)))
            }
        }
        let measured = indicator.definition.rollup == .shareOfStructures ? "part" : "nombre"
        return Series(
            points: points,
            provenance: "\(measured) des \(open) structures ouvertes (\(couloir.rawValue)) du territoire",
            isOwn: false)
    }

    /// A computed indicator, evaluated at every date where one of its inputs has a value.
    static func formulaSeries(
        _ indicator: StoredIndicator, formula source: String, territory: Territory, couloir: Couloir,
        on db: any SQLDatabase, depth: Int = 0
    ) async throws -> Series {
        guard depth < 5, let formula = try? Formula(source) else {
            return Series(points: [], provenance: "formule invalide ou trop imbriquée", isOwn: false)
        }
        var inputs: [String: (StoredIndicator, [ObservationPoint])] = [:]
        for code in formula.dependencies {
            guard let dependency = try await IndicatorQuery.find(code, on: db) else { continue }
            let series: Series
            if let dependencyFormula = dependency.definition.formula {
                series = try await formulaSeries(
                    dependency, formula: dependencyFormula, territory: territory, couloir: couloir, on: db,
                    depth: depth + 1)
            } else {
                let own = try await ownSeries(
                    code, subject: "T:" + territory.code, couloir: dependency.definition.couloir, on: db)
                series =
                    own.points.isEmpty
                    ? (try await partsSeries(
                        dependency, territory: territory, couloir: dependency.definition.couloir, on: db) ?? own)
                    : own
            }
            inputs[code] = (dependency, series.points)
        }
        let counts = try await StructureQuery.countsByCouloir(territory: territory.code, on: db)
        let population = Double(territory.population)
        let dates = Set(inputs.values.flatMap { $0.1.map(\.period.end) }).sorted()
        let points = dates.compactMap { date -> ObservationPoint? in
            let values = inputs.mapValues { dependency, points in
                ProgressEngine.value(
                    of: points, nature: dependency.definition.nature,
                    cumulativeSince: dependency.definition.cumulativeSince, at: date)?
                    .value
            }
            let context = Formula.Context(
                indicator: { values[$0] ?? nil }, population: { population > 0 ? population : nil },
                structures: { c in Double(c.members.reduce(0) { $0 + (counts[$1.rawValue] ?? 0) }) })
            return formula.evaluate(context).map { ObservationPoint(period: .day(date), value: $0) }
        }
        return Series(points: points, provenance: "calculé : \(source)", isOwn: false)
    }

    static func targets(
        _ code: String, territory: String, couloir: Couloir, roadmap: String?, on db: any SQLDatabase
    ) async throws -> [TargetPoint] {
        try await targets(codes: [code], territory: territory, roadmap: roadmap, on: db)[
            SeriesKey(indicator: code, couloir: couloir)] ?? []
    }

    /// Targets of several indicators of a territory at once, by indicator and couloir, as a roadmap (by
    /// code; nil for none) uses them: its own targets and the shared ones, its own winning at a due date.
    static func targets(codes: [String], territory: String, roadmap: String?, on db: any SQLDatabase) async throws
        -> [SeriesKey: [TargetPoint]]
    {
        guard !codes.isEmpty else { return [:] }
        struct TargetRow: Decodable {
            var roadmapCode, indicatorCode, couloir, dueOn, valueKind: String
            var valueNumber: Double?
            var valueText: String?
            var baseline: Double?
            var baselineOn: String?
        }
        let rows = try await db.select().columns(
            "roadmap_code", "indicator_code", "couloir", "due_on", "value_kind", "value_number", "value_text",
            "baseline", "baseline_on"
        ).from("targets")
            .where("roadmap_code", .in, Array(Set(["", roadmap ?? ""])))
            .where("indicator_code", .in, codes).where("territory_code", .equal, territory)
            .orderBy("due_on").all(decoding: TargetRow.self, with: .snakeCase)
        var targets: [SeriesKey: [TargetPoint]] = [:]
        for row in rows {
            guard
                let target = point(
                    row.dueOn, row.valueKind, row.valueNumber, row.valueText, row.baseline, row.baselineOn)
            else { continue }
            let key = SeriesKey(indicator: row.indicatorCode, couloir: row.couloir)
            if let same = targets[key]?.firstIndex(where: { $0.due == target.due }) {
                if !row.roadmapCode.isEmpty { targets[key]?[same] = target }
            } else {
                targets[key, default: []].append(target)
            }
        }
        return targets
    }

    static func point(
        _ dueOn: String, _ kind: String, _ number: Double?, _ text: String?, _ baseline: Double?, _ baselineOn: String?
    ) -> TargetPoint? {
        guard let due = Day(iso: dueOn) else { return nil }
        let value: TargetValue =
            switch kind {
            case "number": .number(number ?? 0)
            case "boolean": .boolean((number ?? 0) != 0)
            case "text": .text(text ?? "")
            case "upcoming": .upcoming
            case "being_defined": .beingDefined
            default: .notDefined
            }
        return TargetPoint(due: due, value: value, baseline: baseline, baselineDate: baselineOn.flatMap(Day.init(iso:)))
    }
}
