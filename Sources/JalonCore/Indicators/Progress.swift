import Foundation

/// Where an indicator stands against its target at a date.
public struct Progress: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case sansCible = "sans_cible"
        case nonRenseigne = "non_renseigne"
        case atteint
        case enRetard = "en_retard"
        case
            enBonneVoie = "en_bonne_voie"
        case aRisque = "a_risque"
        case enCours = "en_cours"

        public var label: String {
            switch self {
            case .sansCible: "Sans cible"
            case .nonRenseigne: "Non renseigné"
            case .atteint: "Atteint"
            case .enRetard: "En retard"
            case .enBonneVoie: "En bonne voie"
            case .aRisque: "À risque"
            case .enCours: "En cours"
            }
        }

        /// Most urgent first, for "en retard / à risque first" listings.
        public var urgency: Int {
            switch self {
            case .enRetard: 0
            case .aRisque: 1
            case .nonRenseigne: 2
            case .enCours: 3
            case .enBonneVoie: 4
            case .atteint: 5
            case .sansCible: 6
            }
        }
    }

    public var value: Double?
    public var valueDate: Day?
    public var target: TargetPoint?
    public var realisation: Double?
    public var expected: Double?
    public var projection: Double?
    public var attainment: Double?
    public var status: Status
}

/// The pure progress engine: value at a date, applicable target, realisation, trajectory, projection, status.
public enum ProgressEngine {
    /// stock → the latest observation on or before `at`; flow → the latest period's amount, or the sum
    /// since the start date when cumulated. A "not provided" latest observation gives no value.
    public static func value(
        of series: [ObservationPoint], nature: IndicatorDefinition.Nature, cumulativeSince: Day?, at: Day
    ) -> (value: Double, date: Day)? {
        let past = series.filter { $0.period.end <= at }.sorted { $0.period < $1.period }
        guard let last = past.last else { return nil }
        if nature == .flow, let since = cumulativeSince {
            let counted = past.filter { $0.period.start >= since }
            let values = counted.compactMap(\.effectiveValue)
            guard !values.isEmpty else { return nil }
            return (values.reduce(0, +), counted.last!.period.end)
        }
        guard let latest = last.effectiveValue else { return nil }
        return (latest, last.period.end)
    }

    /// The (date, value) points the projection and charts use: levels for stocks, running totals for cumulated flows.
    public static func levels(of series: [ObservationPoint], nature: IndicatorDefinition.Nature, cumulativeSince: Day?)
        -> [(Day, Double)]
    {
        let sorted = series.sorted { $0.period < $1.period }
        if nature == .flow, let since = cumulativeSince {
            var total = 0.0
            return sorted.filter { $0.period.start >= since }.compactMap { point in
                guard let amount = point.effectiveValue else { return nil }
                total += amount
                return (point.period.end, total)
            }
        }
        return sorted.compactMap { point in point.effectiveValue.map { (point.period.end, $0) } }
    }

    /// The first target due on or after `at`, else the last one (overdue).
    public static func applicableTarget(_ targets: [TargetPoint], at: Day) -> TargetPoint? {
        let sorted = targets.sorted { $0.due < $1.due }
        return sorted.first { $0.due >= at } ?? sorted.last
    }

    /// The linear trajectory from the baseline to the target, read at `at` (clamped to both ends).
    public static func expected(_ target: TargetPoint, at: Day) -> Double? {
        guard let goal = target.value.number, let base = target.baseline, let from = target.baselineDate,
            from < target.due
        else {
            return nil
        }
        if at <= from { return base }
        if at >= target.due { return goal }
        return base + (goal - base) * Double(at.ordinal - from.ordinal) / Double(target.due.ordinal - from.ordinal)
    }

    public static func realisation(value: Double, target: TargetValue, direction: IndicatorDefinition.Direction)
        -> Double?
    {
        switch target {
        case .boolean(let wanted): return (value != 0) == wanted ? 1 : 0
        case .number(let goal):
            switch direction {
            case .higher: return goal == 0 ? nil : value / goal
            case .lower: return value == 0 ? (goal >= 0 ? 1 : nil) : goal / value
            }
        default: return nil
        }
    }

    static func reaches(_ value: Double, _ target: TargetValue, _ direction: IndicatorDefinition.Direction) -> Bool {
        switch target {
        case .boolean(let wanted): return (value != 0) == wanted
        case .number(let goal): return direction == .higher ? value >= goal : value <= goal
        default: return false
        }
    }

    /// Last level + mean monthly change over the 12 months before the last observation × months to `due`.
    public static func projection(levels: [(Day, Double)], to due: Day) -> Double? {
        guard let last = levels.last else { return nil }
        let windowStart = last.0.addingMonths(-12)
        let window = levels.filter { $0.0 >= windowStart }
        guard window.count >= 2, let first = window.first else { return nil }
        let months = first.0.months(until: last.0)
        guard months > 0 else { return nil }
        let slope = (last.1 - first.1) / months
        return last.1 + slope * max(0, last.0.months(until: due))
    }

    public static func progress(
        _ indicator: IndicatorDefinition, series: [ObservationPoint], targets: [TargetPoint], at: Day
    ) -> Progress {
        let current = value(of: series, nature: indicator.nature, cumulativeSince: indicator.cumulativeSince, at: at)
        let target = applicableTarget(targets, at: at)
        var result = Progress(
            value: current?.value, valueDate: current?.date, target: target, realisation: nil, expected: nil,
            projection: nil, attainment: nil, status: .sansCible)
        guard let target, target.value.number != nil else { return result }
        result.expected = expected(target, at: at).flatMap { $0.isFinite ? $0 : nil }
        guard let currentValue = current?.value else {
            result.status = .nonRenseigne
            return result
        }
        result.realisation = realisation(value: currentValue, target: target.value, direction: indicator.direction)
            .flatMap { $0.isFinite ? $0 : nil }
        if case .number(let goal) = target.value, target.due > at {
            let history = levels(
                of: series.filter { $0.period.end <= at }, nature: indicator.nature,
                cumulativeSince: indicator.cumulativeSince)
            if let proj = projection(levels: history, to: target.due), proj.isFinite {
                result.projection = proj
                switch indicator.direction {
                case .higher: result.attainment = goal == 0 ? 1 : min(1, proj / goal)
                case .lower: result.attainment = proj <= 0 ? 1 : min(1, goal / proj)
                }
            }
        }
        if reaches(currentValue, target.value, indicator.direction) {
            result.status = .atteint
        } else if target.due <= at {
            result.status = .enRetard
        } else if let proj = result.projection {
            result.status = reaches(proj, target.value, indicator.direction) ? .enBonneVoie : .aRisque
        } else {
            result.status = .enCours
        }
        return result
    }
}
