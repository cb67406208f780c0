import Foundation

/// How a value moved since an earlier one, written as the committee decks do: "+16,5 %" for a change,
/// "× 5,2" once the value has at least doubled.
public struct Variation: Sendable, Equatable {
    public var before: Double
    public var after: Double

    /// nil when there is nothing to compare with: no earlier value, or an earlier value of zero or below
    /// (a ratio to it says nothing).
    public init?(from before: Double?, to after: Double?) {
        guard let before, let after, before > 0, before.isFinite, after.isFinite else { return nil }
        self.before = before
        self.after = after
    }

    /// `after / before`: what the API gives, as a plain number.
    public var ratio: Double { after / before }

    public var text: String {
        if ratio >= 2 { return "×\u{00A0}" + Format.decimal(ratio, fractionDigits: 1) }
        let change = ratio - 1
        let sign = change > 0.0005 ? "+" : (change < -0.0005 ? "−" : "")
        return sign + Format.percent(abs(change), fractionDigits: 1)
    }
}

/// The three variations of a value: since the previous period, since the same period a year before,
/// and since the target's baseline.
public struct Variations: Sendable, Equatable {
    public var sincePrevious: Variation?
    public var sinceYearBefore: Variation?
    public var sinceBaseline: Variation?

    public init(sincePrevious: Variation? = nil, sinceYearBefore: Variation? = nil, sinceBaseline: Variation? = nil) {
        self.sincePrevious = sincePrevious
        self.sinceYearBefore = sinceYearBefore
        self.sinceBaseline = sinceBaseline
    }

    /// From a series of levels (period end → value, in order), read at `at`: the last value on or before
    /// `at`, the one before it, and the one whose period ended in the same month a year before.
    public static func of(levels: [(Day, Double)], at: Day, baseline: Double?) -> Variations {
        guard let index = levels.lastIndex(where: { $0.0 <= at }) else { return Variations() }
        let (day, value) = levels[index]
        let previous = index > 0 ? levels[index - 1].1 : nil
        return Variations(
            sincePrevious: Variation(from: previous, to: value),
            sinceYearBefore: Variation(
                from: levels.last(where: { $0.0.year == day.year - 1 && $0.0.month == day.month })?.1, to: value),
            sinceBaseline: Variation(from: baseline, to: value))
    }
}
