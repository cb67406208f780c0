import Foundation

/// A civil date without time or time zone: what committees, targets and periods speak of.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2021-12-31`; nil for anything else or an impossible date.
    public init?(iso: String) {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]),
            (1...12).contains(month), (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(year, month, day)
    }

    public var iso: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }

    /// Zero-padded digits. Not `String(format:)`: imports format millions of dates and it is far slower.
    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    public var description: String { iso }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func endOfMonth(_ year: Int, _ month: Int) -> Day {
        Day(year, month, daysIn(month: month, year: year))
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences. Howard Hinnant's `days_from_civil`,
    /// with his names: years start in March (so that a leap day ends one), eras are 400-year cycles,
    /// `yoe`/`doy`/`doe` are the year of the era, day of the year and day of the era.
    public var ordinal: Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yoe = marchYear - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `ordinal` days after 1970-01-01 (the inverse of `ordinal`, Hinnant's `civil_from_days`),
    /// for serial dates.
    init(ordinal: Int) {
        let sinceMarch0000 = ordinal + 719_468
        let era = (sinceMarch0000 >= 0 ? sinceMarch0000 : sinceMarch0000 - 146_096) / 146_097
        let doe = sinceMarch0000 - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - (153 * mp + 2) / 5 + 1)
    }

    public func addingDays(_ count: Int) -> Day { Day(ordinal: ordinal + count) }

    /// Months between two days, fractional (30.4375-day months), for projections.
    public func months(until other: Day) -> Double { Double(other.ordinal - ordinal) / 30.436_875 }

    public func addingMonths(_ count: Int) -> Day {
        let total = year * 12 + (month - 1) + count
        let newYear = total / 12
        let newMonth = total % 12 + 1
        return Day(newYear, newMonth, min(day, Day.daysIn(month: newMonth, year: newYear)))
    }

    public static func today(_ now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let components = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(components.year!, components.month!, components.day!)
    }
}
