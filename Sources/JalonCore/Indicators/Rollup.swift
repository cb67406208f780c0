import Foundation

/// Combines the values of sub-territories (or structures) into the value of a territory.
public enum Rollup {
    /// `sum`, `ratio` (Σ numerators / Σ denominators — not the mean of ratios), `mean`, `min`, `max`,
    /// `none`. Children known as "not provided" are left out; no usable child gives nil.
    public static func combine(_ rule: IndicatorDefinition.RollupRule, _ children: [ObservationPoint]) -> Double? {
        let values = children.compactMap(\.effectiveValue)
        switch rule {
        case .none:
            return nil
        case .sum:
            return values.isEmpty ? nil : values.reduce(0, +)
        case .mean:
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        case .min:
            return values.min()
        case .max:
            return values.max()
        case .ratio:
            let usable = children.filter { !$0.notProvided && $0.numerator != nil && $0.denominator != nil }
            let den = usable.reduce(0) { $0 + $1.denominator! }
            guard !usable.isEmpty, den != 0 else { return nil }
            return usable.reduce(0) { $0 + $1.numerator! } / den
        case .shareOfStructures, .countOfStructures:
            // Structure-level rules need the number of open structures: see `structures(_:yes:open:)`.
            return nil
        }
    }

    /// `share_of_structures` / `count_of_structures`: yes answers over the open structures of the
    /// couloir in the territory (a structure without an answer counts as "no").
    public static func structures(_ rule: IndicatorDefinition.RollupRule, yes: Int, open: Int) -> Double? {
        switch rule {
        case .countOfStructures: return Double(yes)
        case .shareOfStructures: return open == 0 ? nil : Double(yes) / Double(open)
        default: return nil
        }
    }

    /// An official value and the roll-up of its parts disagree by more than 0,5 %.
    public static func isInconsistent(own: Double, rolledUp: Double, tolerance: Double = 0.005) -> Bool {
        if own == rolledUp { return false }
        guard own != 0 else { return true }
        return abs(own - rolledUp) / abs(own) > tolerance
    }
}
