import Foundation

/// A value as written in a national file or typed in a form.
public enum ParsedValue: Equatable, Sendable {
    /// A number; `percent` when written with `%` (the number is then the ratio: `12,83 %` → 0.1283).
    case number(Double, percent: Bool)
    case boolean(Bool)
    /// `ND`, `ni`, `données non fournies`: known to be missing — never zero.
    case notProvided
}

/// Reads French and English numbers (`2 551 301`, `2 551 301` with no-break spaces, `12,83 %`,
/// `0,40%`, `1,3`, `1.3`, `1,234.5`), yes/no (`OUI`, `NON`, `o`, `n`, `true`) and the "not provided"
/// markers. Returns nil for anything else, so that the caller names the field in its error.
public enum FrenchNumber {
    public static func parse(_ raw: String) -> ParsedValue? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else { return nil }
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        switch folded {
        case "oui", "o", "yes", "y", "true", "vrai", "x": return .boolean(true)
        case "non", "n", "no", "false", "faux": return .boolean(false)
        case "nd", "n/d", "ni", "nc", "-", "—", "donnees non fournies", "donnee non fournie", "donnees non fournies a ce jour", "non fourni", "non fournie":
            return .notProvided
        default: break
        }
        var percent = false
        if s.hasSuffix("%") { percent = true; s.removeLast() }
        // Every kind of space is a thousands separator in French writing.
        s = String(s.unicodeScalars.filter { !CharacterSet.whitespaces.contains($0) && $0 != "\u{202F}" && $0 != "\u{00A0}" && $0 != "'" }.map(Character.init))
        guard !s.isEmpty else { return nil }
        let commas = s.filter { $0 == "," }.count, dots = s.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            // The last separator is the decimal one: `1.234,5` or `1,234.5`.
            let lastComma = s.lastIndex(of: ",")!, lastDot = s.lastIndex(of: ".")!
            if lastComma > lastDot { s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") }
            else { s = s.replacingOccurrences(of: ",", with: "") }
        } else if commas == 1 {
            s = s.replacingOccurrences(of: ",", with: ".")
        } else if commas > 1 {
            s = s.replacingOccurrences(of: ",", with: "")
        } else if dots > 1 {
            s = s.replacingOccurrences(of: ".", with: "")
        }
        guard s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }), let v = Double(s), v.isFinite else { return nil }
        // Divide in decimal so that `9,85 %` is exactly the double nearest 0.0985.
        guard percent, let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { return .number(v, percent: false) }
        return .number(NSDecimalNumber(decimal: d / 100).doubleValue, percent: true)
    }
}
