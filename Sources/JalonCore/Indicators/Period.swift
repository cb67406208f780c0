import Foundation

/// The period an observation covers: a day (a stock at a date), a month, a quarter, a semester or a year.
public enum Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    case day(Day)
    case month(Int, Int)
    case quarter(Int, Int)
    case semester(Int, Int)
    case year(Int)

    public var start: Day {
        switch self {
        case .day(let day): day
        case .month(let year, let month): Day(year, month, 1)
        case .quarter(let year, let quarter): Day(year, (quarter - 1) * 3 + 1, 1)
        case .semester(let year, let semester): Day(year, (semester - 1) * 6 + 1, 1)
        case .year(let year): Day(year, 1, 1)
        }
    }

    /// The last day: the date a value of this period is "at".
    public var end: Day {
        switch self {
        case .day(let day): day
        case .month(let year, let month): Day.endOfMonth(year, month)
        case .quarter(let year, let quarter): Day.endOfMonth(year, quarter * 3)
        case .semester(let year, let semester): Day.endOfMonth(year, semester * 6)
        case .year(let year): Day(year, 12, 31)
        }
    }

    /// Canonical text, also the storage key: `2021-12-31`, `2021-12`, `2021-T4`, `2021-S2`, `2021`.
    public var description: String {
        switch self {
        case .day(let day): day.iso
        case .month(let year, let month): Day.pad(year, 4) + "-" + Day.pad(month, 2)
        case .quarter(let year, let quarter): "\(year)-T\(quarter)"
        case .semester(let year, let semester): "\(year)-S\(semester)"
        case .year(let year): String(year)
        }
    }

    /// French label: `31 décembre 2021`, `décembre 2021`, `T4 2021`, `S2 2021`, `2021`.
    public var label: String {
        switch self {
        case .day(let day): Format.date(iso: day.iso)
        case .month(let year, let month): "\(Format.months[month - 1]) \(year)"
        case .quarter(let year, let quarter): "T\(quarter) \(year)"
        case .semester(let year, let semester): "S\(semester) \(year)"
        case .year(let year): String(year)
        }
    }

    public static func < (lhs: Period, rhs: Period) -> Bool { (lhs.end, lhs.start) < (rhs.end, rhs.start) }

    static let monthNames: [String: Int] = [
        "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3, "avril": 4, "avr": 4,
        "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10,
        "oct": 10,
        "novembre": 11, "nov": 11, "decembre": 12, "dec": 12
    ]

    /// Reads the period notations found in national files: `2021-12-31`, `31/12/2021`, `2021-12`,
    /// `12/2021`, `déc. 2021`, `décembre 2021`, `2021-T4`, `2021-Q4`, `T4 2021`, `2021-S2`, `S2 2021`, `2021`.
    public init?(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        guard !text.isEmpty else { return nil }
        if let day = Day(iso: text), text.count == 10 {
            self = .day(day)
            return
        }
        let slash = text.split(separator: "/")
        if slash.count == 3, let dayOfMonth = Int(slash[0]), let month = Int(slash[1]), let year = Int(slash[2]),
            slash[2].count == 4, let day = Day(iso: String(format: "%04d-%02d-%02d", year, month, dayOfMonth))
        {
            self = .day(day)
            return
        }
        if slash.count == 2, let month = Int(slash[0]), let year = Int(slash[1]), slash[1].count == 4,
            (1...12).contains(month)
        {
            self = .month(year, month)
            return
        }
        if text.count == 4, let year = Int(text), (1900...2200).contains(year) {
            self = .year(year)
            return
        }
        let dash = text.split(separator: "-")
        if dash.count == 2, dash[0].count == 4, let year = Int(dash[0]) {
            let rest = dash[1]
            if let month = Int(rest), (1...12).contains(month), rest.count == 2 {
                self = .month(year, month)
                return
            }
            if let part = Self.part(rest) {
                self = part(year)
                return
            }
        }
        // "T4 2021", "S2 2021", "déc. 2021", "décembre 2021"
        let words = text.replacingOccurrences(of: ".", with: " ").split(separator: " ")
        if words.count == 2, words[1].count == 4, let year = Int(words[1]) {
            if let part = Self.part(words[0]) {
                self = part(year)
                return
            }
            if let month = Self.monthNames[String(words[0])] {
                self = .month(year, month)
                return
            }
        }
        return nil
    }

    /// `T4`, `Q4`, `S2`: the quarter or semester of the year it is then given.
    private static func part(_ token: Substring) -> ((Int) -> Period)? {
        guard token.count == 2, let number = Int(token.dropFirst()) else { return nil }
        switch token.first {
        case "t", "q": return (1...4).contains(number) ? { .quarter($0, number) } : nil
        case "s": return (1...2).contains(number) ? { .semester($0, number) } : nil
        default: return nil
        }
    }
}
