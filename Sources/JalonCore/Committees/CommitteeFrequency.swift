import Foundation

/// How often a committee meets, as the seeds' comitologies say it: "2 par an" (the COTAN), "3 par an"
/// (the CRNS), "mensuelle" (the cellule de coordination), "toutes les 6 semaines", "hebdomadaire".
public enum CommitteeFrequency: Sendable, Equatable, Hashable, CustomStringConvertible {
    case perYear(Int)
    case monthly
    case everyWeeks(Int)

    /// Reads the French ways of writing it, and the stored form (`description`).
    public init?(french written: String) {
        let text = written.matchKey
        let number = text.split(whereSeparator: { !$0.isNumber }).first.flatMap { Int($0) }
        switch text {
        // `matchKey` drops case, accents and spaces: "Tous les mois" is "touslesmois".
        case "annuelle", "unefoisparan": self = .perYear(1)
        case "semestrielle": self = .perYear(2)
        case "trimestrielle": self = .perYear(4)
        case "mensuelle", "touslesmois", "chaquemois": self = .monthly
        case "hebdomadaire", "touteslessemaines", "chaquesemaine": self = .everyWeeks(1)
        default:
            guard let number, number >= 1 else { return nil }
            if text.hasSuffix("paran") {
                guard number <= 12 else { return nil }
                self = .perYear(number)
            } else if text.hasSuffix("semaines") && text.hasPrefix("toutesles") {
                guard number <= 26 else { return nil }
                self = .everyWeeks(number)
            } else {
                return nil
            }
        }
    }

    /// `3 par an`, `mensuelle`, `toutes les 6 semaines`, `hebdomadaire`: what is stored and shown.
    public var description: String {
        switch self {
        case .perYear(let count): "\(count) par an"
        case .monthly: "mensuelle"
        case .everyWeeks(1): "hebdomadaire"
        case .everyWeeks(let weeks): "toutes les \(weeks) semaines"
        }
    }
}

/// The meetings a frequency proposes for a year, which the pilote then edits: spread over the year on
/// one weekday, never in August nor over the year-end holidays, when nobody sits in committee.
public enum AnnualProgramme {
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    public static func weekday(of day: Day) -> Int {
        let shifted = (day.ordinal + 3) % 7
        return (shifted < 0 ? shifted + 7 : shifted) + 1
    }

    /// The `occurrence`-th `weekday` of a month (1 = the first).
    public static func nth(_ occurrence: Int, _ weekday: Int, year: Int, month: Int) -> Day {
        let first = Day(year, month, 1)
        let offset = (weekday - Self.weekday(of: first) + 7) % 7
        return first.addingDays(offset + 7 * (occurrence - 1))
    }

    /// Whether a day falls when committees do not meet: August, and 21 December to 7 January.
    public static func isHoliday(_ day: Day) -> Bool {
        day.month == 8 || (day.month == 12 && day.day >= 21) || (day.month == 1 && day.day <= 7)
    }

    /// The proposed days. `weekday` defaults to Tuesday; a yearly or monthly meeting falls on the second
    /// such weekday of its month, months spread evenly (2 a year: April and October; 3: March, July and
    /// November); a weekly rhythm starts on the first such weekday after the holidays.
    public static func propose(_ frequency: CommitteeFrequency, year: Int, weekday: Int = 2) -> [Day] {
        switch frequency {
        case .perYear(let count):
            return (0..<count).map { index in
                var month = Int((Double(index) + 0.5) * 12 / Double(count)) + 1
                if month == 8 { month = index == 0 ? 7 : 9 }
                return nth(2, weekday, year: year, month: month)
            }
        case .monthly:
            return (1...12).filter { $0 != 8 }.map { nth(2, weekday, year: year, month: $0) }
        case .everyWeeks(let weeks):
            var day = nth(1, weekday, year: year, month: 1)
            while isHoliday(day) { day = day.addingDays(7) }
            var days: [Day] = []
            while day.year == year {
                if !isHoliday(day) { days.append(day) }
                day = day.addingDays(7 * weeks)
            }
            return days
        }
    }
}
