import Foundation

/// Due dates as roadmaps write them: `fin 2021` (31 December), `mi-2022` (30 June), `début 2023`
/// (1 January), `T3 2023` or `S1 2022` (end of the quarter or semester), `mai 2023` (end of month),
/// or a plain date.
public enum Milestone {
    public static func parse(_ raw: String) -> Day? {
        let s = raw.trimmingCharacters(in: .whitespaces).folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")
        )
        .replacingOccurrences(of: "  ", with: " ")
        func year(after prefix: String) -> Int? {
            guard s.hasPrefix(prefix) else { return nil }
            let rest = s.dropFirst(prefix.count).trimmingCharacters(in: CharacterSet(charactersIn: " -"))
            guard rest.count == 4, let y = Int(rest) else { return nil }
            return y
        }
        if let y = year(after: "fin") { return Day(y, 12, 31) }
        if let y = year(after: "mi") { return Day(y, 6, 30) }
        if let y = year(after: "debut") { return Day(y, 1, 1) }
        return Period(s).map(\.end)
    }

    /// The way a due date is read back: `fin 2021`, `mi-2022`, or `31 mars 2023`.
    public static func label(_ d: Day) -> String {
        if d.month == 12 && d.day == 31 { return "fin \(d.year)" }
        if d.month == 6 && d.day == 30 { return "mi-\(d.year)" }
        return Format.date(iso: d.iso)
    }
}
