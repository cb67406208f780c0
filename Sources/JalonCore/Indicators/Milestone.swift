import Foundation

/// Due dates as roadmaps write them: `fin 2021` (31 December), `mi-2022` (30 June), `début 2023`
/// (1 January), `T3 2023` or `S1 2022` (end of the quarter or semester), `mai 2023` (end of month),
/// or a plain date.
public enum Milestone {
    public static func parse(_ raw: String) -> Day? {
        let text = raw.trimmingCharacters(in: .whitespaces).folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")
        )
        .replacingOccurrences(of: "  ", with: " ")
        func year(after prefix: String) -> Int? {
            guard text.hasPrefix(prefix) else { return nil }
            let rest = text.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " -"))
            guard rest.count == 4, let year = Int(rest) else { return nil }
            return year
        }
        if let year = year(after: "fin") { return Day(year, 12, 31) }
        if let year = year(after: "mi") { return Day(year, 6, 30) }
        if let year = year(after: "debut") { return Day(year, 1, 1) }
        return Period(text).map(\.end)
    }

    /// The way a due date is read back: `fin 2021`, `mi-2022`, or `31 mars 2023`.
    public static func label(_ due: Day) -> String {
        if due.month == 12 && due.day == 31 { return "fin \(due.year)" }
        if due.month == 6 && due.day == 30 { return "mi-\(due.year)" }
        return Format.date(iso: due.iso)
    }
}
