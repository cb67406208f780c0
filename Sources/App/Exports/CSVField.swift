import Foundation
import JalonCore

/// One field of the CSV files Jalon writes for French Excel (`;` separator).
enum CSVField {
    /// Quotes a field when it holds a separator, quote or line break; neutralises spreadsheet formulas.
    static func quote(_ field: String) -> String {
        let safe = SpreadsheetFormula.neutralised(field)
        guard safe.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
