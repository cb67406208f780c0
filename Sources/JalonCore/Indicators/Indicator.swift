import Foundation

/// How an indicator is measured and how it rolls up across territories.
public struct IndicatorDefinition: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case count, share, rate
        case perInhabitant = "per_inhabitant"
        case boolean, qualitative
    }

    /// `stock`: a level at a date; `flow`: an amount per period, cumulated since `cumulativeSince` when set.
    public enum Nature: String, Sendable, Codable, CaseIterable { case stock, flow }

    public enum Direction: String, Sendable, Codable, CaseIterable {
        case higher, lower
        /// `hausse` / `baisse` in French files.
        public init?(french: String) {
            switch french.lowercased().trimmingCharacters(in: .whitespaces) {
            case "hausse", "higher", "+", "": self = .higher
            case "baisse", "lower", "-": self = .lower
            default: return nil
            }
        }
    }

    public enum RollupRule: String, Sendable, Codable, CaseIterable {
        case sum, ratio
        case shareOfStructures = "share_of_structures"
        case countOfStructures = "count_of_structures"
        case mean, min, max, none
    }

    public var code: String
    public var label: String
    public var service: String
    public var couloir: Couloir
    public var source: String
    public var kind: Kind
    public var nature: Nature
    public var cumulativeSince: Day?
    public var rollup: RollupRule
    public var direction: Direction
    public var formula: String?
    /// Computed from the activity log or a programme's applications rather than observed.
    public var computed: ComputedMeasure?

    public init(
        code: String, label: String, service: String = "", couloir: Couloir = .tous, source: String = "",
        kind: Kind = .count,
        nature: Nature = .stock, cumulativeSince: Day? = nil, rollup: RollupRule = .sum, direction: Direction = .higher,
        formula: String? = nil,
        computed: ComputedMeasure? = nil
    ) {
        self.code = code
        self.label = label
        self.service = service
        self.couloir = couloir
        self.source = source
        self.kind = kind
        self.nature = nature
        self.cumulativeSince = cumulativeSince
        self.rollup = rollup
        self.direction = direction
        self.formula = formula
        self.computed = computed
    }
}

/// One observed value of an indicator for a period (of a territory or a structure).
public struct ObservationPoint: Sendable, Equatable {
    public var period: Period
    public var value: Double?
    public var numerator: Double?
    public var denominator: Double?
    /// "donnée non fournie": a known gap, never read as zero.
    public var notProvided: Bool

    /// Figures that are not finite numbers (NaN or infinity left in a database by an older version) are
    /// taken as absent here, where every value read enters the engine, the roll-ups and the JSON
    /// documents — none of which can carry them.
    public init(
        period: Period, value: Double?, numerator: Double? = nil, denominator: Double? = nil, notProvided: Bool = false
    ) {
        self.period = period
        self.value = value.flatMap(Self.finite)
        self.numerator = numerator.flatMap(Self.finite)
        self.denominator = denominator.flatMap(Self.finite)
        self.notProvided = notProvided
    }

    static func finite(_ figure: Double) -> Double? { figure.isFinite ? figure : nil }

    /// The value, or numerator / denominator when only those are given. A value that is not a finite
    /// number (NaN or infinity left in a database by an older version, or a ratio that overflows) is no
    /// value: it would otherwise turn every total and projection it enters into NaN.
    public var effectiveValue: Double? {
        if notProvided { return nil }
        if let value { return value.isFinite ? value : nil }
        if let numerator, let denominator, denominator != 0, (numerator / denominator).isFinite {
            return numerator / denominator
        }
        return nil
    }
}

/// What a target says.
public enum TargetValue: Sendable, Equatable, Codable {
    case number(Double)
    case boolean(Bool)
    case text(String)
    /// "non défini (ni/ND)"
    case notDefined
    /// "à venir"
    case upcoming
    /// "en cours de définition"
    case beingDefined

    public var number: Double? {
        switch self {
        case .number(let value): value
        case .boolean(let yes): yes ? 1 : 0
        default: nil
        }
    }

    /// Reads a target cell: a number (`9,85 %`, `2 000`), `OUI`/`NON`, the markers, or a qualitative text.
    public static func parse(_ raw: String) -> TargetValue? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let folded = text.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        switch folded {
        case "ni", "nd", "non defini", "non definie", "non defini (ni/nd)": return .notDefined
        case "a venir": return .upcoming
        case "en cours de definition": return .beingDefined
        default: break
        }
        switch FrenchNumber.parse(text) {
        case .number(let value, _)?: return .number(value)
        case .boolean(let yes)?: return .boolean(yes)
        case .notProvided?: return .notDefined
        case nil: return .text(text)
        }
    }
}

public struct TargetPoint: Sendable, Equatable {
    public var due: Day
    public var value: TargetValue
    public var baseline: Double?
    public var baselineDate: Day?

    public init(due: Day, value: TargetValue, baseline: Double? = nil, baselineDate: Day? = nil) {
        self.due = due
        // A target that is not a finite number is no number (see `ObservationPoint.init`).
        if case .number(let figure) = value, !figure.isFinite { self.value = .notDefined } else { self.value = value }
        self.baseline = baseline.flatMap(ObservationPoint.finite)
        self.baselineDate = baselineDate
    }
}
