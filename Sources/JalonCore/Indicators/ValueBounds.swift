/// The range of what an indicator, a target or an amount can mean, enforced on every input.
///
/// The largest figures of the programme are national counts (a few billion documents sent to the
/// DMP) and euros (a few billion for the Ségur funding): 10¹⁵ leaves six orders of magnitude above
/// them, and stays below 2⁵³, where a double still holds every integer exactly — so sums, exports and
/// re-imports of accepted values are exact. Anything larger is a typing or file error, never a figure.
public enum ValueBounds {
    public static let limit = 1e15
    /// How the limit reads in an error message.
    public static let limitLabel = "10¹⁵ (un million de milliards)"

    public static func accepts(_ value: Double) -> Bool { value.isFinite && value.magnitude <= limit }

    /// The years an observation, a target or an activity can be dated in: the programme and its
    /// history (the first regional e-health plans date from the 1990s) and its foreseeable future.
    public static let years: ClosedRange<Int> = 1990...2100
    public static let yearsLabel = "1990 à 2100"

    public static func accepts(_ day: Day) -> Bool { years.contains(day.year) }
    public static func accepts(_ period: Period) -> Bool {
        years.contains(period.start.year) && years.contains(period.end.year)
    }
}
