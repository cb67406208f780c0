/// Cells a spreadsheet would run as a formula when it opens a CSV file (OWASP "CSV injection"):
/// those starting with `=`, `+`, `-`, `@`, a tab or a carriage return. Every CSV Jalon writes
/// prefixes them with an apostrophe, as spreadsheets do themselves; every import takes it off again,
/// so that an export reads back unchanged.
public enum SpreadsheetFormula {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell as it is safe to write. Numbers (`-4,5`) are left alone: they are not formulas.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.first, triggers.contains(first) else { return cell }
        if first == "-" || first == "+", Double(cell.replacingOccurrences(of: ",", with: ".")) != nil { return cell }
        return "'" + cell
    }

    /// The cell as it was before `neutralised`.
    public static func restored(_ cell: String) -> String {
        guard cell.hasPrefix("'"), let next = cell.dropFirst().first, triggers.contains(next) else { return cell }
        return String(cell.dropFirst())
    }
}
