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
        case .day(let d): d
        case .month(let y, let m): Day(y, m, 1)
        case .quarter(let y, let q): Day(y, (q - 1) * 3 + 1, 1)
        case .semester(let y, let s): Day(y, (s - 1) * 6 + 1, 1)
        case .year(let y): Day(y, 1, 1)
        }
    }

    /// The last day: the date a value of this period is "at".
    public var end: Day {
        switch self {
        case .day(let d): d
        case .month(let y, let m): Day.endOfMonth(y, m)
        case .quarter(let y, let q): Day.endOfMonth(y, q * 3)
        case .semester(let y, let s): Day.endOfMonth(y, s * 6)
        case .year(let y): Day(y, 12, 31)
        }
    }

    /// Canonical text, also the storage key: `2021-12-31`, `2021-12`, `2021-T4`, `2021-S2`, `2021`.
    public var description: String {
        switch self {
        case .day(let d): d.iso
        case .month(let y, let m): Day.pad(y, 4) + "-" + Day.pad(m, 2)
        case .quarter(let y, let q): "\(y)-T\(q)"
        case .semester(let y, let s): "\(y)-S\(s)"
        case .year(let y): String(y)
        }
    }

    /// French label: `31 décembre 2021`, `décembre 2021`, `T4 2021`, `S2 2021`, `2021`.
    public var label: String {
        switch self {
        case .day(let d): Format.date(iso: d.iso)
        case .month(let y, let m): "\(Format.months[m - 1]) \(y)"
        case .quarter(let y, let q): "T\(q) \(y)"
        case .semester(let y, let s): "S\(s) \(y)"
        case .year(let y): String(y)
        }
    }

    public static func < (a: Period, b: Period) -> Bool { (a.end, a.start) < (b.end, b.start) }

    static let monthNames: [String: Int] = [
        "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3, "avril": 4, "avr": 4,
        "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10,
        "oct": 10,
        "novembre": 11, "nov": 11, "decembre": 12, "dec": 12
    ]

    /// Reads the period notations found in national files: `2021-12-31`, `31/12/2021`, `2021-12`,
    /// `12/2021`, `déc. 2021`, `décembre 2021`, `2021-T4`, `2021-Q4`, `T4 2021`, `2021-S2`, `S2 2021`, `2021`.
    public init?(_ raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces).folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        guard !s.isEmpty else { return nil }
        if let d = Day(iso: s), s.count == 10 {
            self = .day(d)
            return
        }
        let slash = s.split(separator: "/")
        if slash.count == 3, let d = Int(slash[0]), let m = Int(slash[1]), let y = Int(slash[2]), slash[2].count == 4,
            let day = Day(iso: String(format: "%04d-%02d-%02d", y, m, d))
        {
            self = .day(day)
            return
        }
        if slash.count == 2, let m = Int(slash[0]), let y = Int(slash[1]), slash[1].count == 4, (1...12).contains(m) {
            self = .month(y, m)
            return
        }
        if s.count == 4, let y = Int(s), (1900...2200).contains(y) {
            self = .year(y)
            return
        }
        let dash = s.split(separator: "-")
        if dash.count == 2, dash[0].count == 4, let y = Int(dash[0]) {
            let rest = dash[1]
            if let m = Int(rest), (1...12).contains(m), rest.count == 2 {
                self = .month(y, m)
                return
            }
            if let p = Self.part(rest) {
                self = p(y)
                return
            }
        }
        // "T4 2021", "S2 2021", "déc. 2021", "décembre 2021"
        let words = s.replacingOccurrences(of: ".", with: " ").split(separator: " ")
        if words.count == 2, words[1].count == 4, let y = Int(words[1]) {
            if let p = Self.part(words[0]) {
                self = p(y)
                return
            }
            if let m = Self.monthNames[String(words[0])] {
                self = .month(y, m)
                return
            }
        }
        return nil
    }

    private static func part(_ token: Substring) -> ((Int) -> Period)? {
        guard token.count == 2, let n = Int(token.dropFirst()) else { return nil }
        switch token.first {
        case "t", "q": return (1...4).contains(n) ? { .quarter($0, n) } : nil
        case "s": return (1...2).contains(n) ? { .semester($0, n) } : nil
        default: return nil
        }
    }
}
