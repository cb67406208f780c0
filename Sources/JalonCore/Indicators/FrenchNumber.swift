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
    /// `219 240`, `-4,5`, `0.1283`: digits grouped by ASCII spaces, one decimal comma or dot, an
    /// optional leading minus — read byte by byte. Anything else (percent, no-break spaces, words) is nil.
    static func plain(_ raw: String) -> Double? {
        var digits: [UInt8] = []
        digits.reserveCapacity(raw.utf8.count)
        var decimal = false
        var sawDigit = false
        for (i, byte) in raw.utf8.enumerated() {
            switch byte {
            case 48...57:
                digits.append(byte)
                sawDigit = true
            case UInt8(ascii: " "): continue
            case UInt8(ascii: ","), UInt8(ascii: "."):
                guard !decimal, sawDigit else { return nil }
                decimal = true
                digits.append(UInt8(ascii: "."))
            case UInt8(ascii: "-") where i == 0: digits.append(byte)
            default: return nil
            }
        }
        guard sawDigit, digits.last != UInt8(ascii: "."), let value = Double(String(decoding: digits, as: UTF8.self)),
            value.isFinite
        else { return nil }
        return value
    }

    public static func parse(_ raw: String) -> ParsedValue? {
        // Fast path for the plain numbers that make most of a national file (`219240`, `0.1283`):
        // imports read millions of them.
        if let value = plain(raw) { return .number(value, percent: false) }
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        // Words (OUI, ND, données non fournies…) only when there are letters or a lone dash.
        let wordy = text.unicodeScalars.contains { $0.properties.isAlphabetic } || text == "-" || text == "—"
        let folded =
            wordy
            ? text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
            : ""
        switch folded {
        case "oui", "o", "yes", "y", "true", "vrai", "x": return .boolean(true)
        case "non", "n", "no", "false", "faux": return .boolean(false)
        case "nd", "n/d", "ni", "nc", "-", "—", "donnees non fournies", "donnee non fournie",
            "donnees non fournies a ce jour", "non fourni", "non fournie":
            return .notProvided
        default: break
        }
        var percent = false
        if text.hasSuffix("%") {
            percent = true
            text.removeLast()
        }
        // Every kind of space is a thousands separator in French writing.
        text = String(
            text.unicodeScalars.filter {
                !CharacterSet.whitespaces.contains($0) && $0 != "\u{202F}" && $0 != "\u{00A0}" && $0 != "'"
            }.map(Character.init))
        guard !text.isEmpty else { return nil }
        let commas = text.filter { $0 == "," }.count
        let dots = text.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            // The last separator is the decimal one: `1.234,5` or `1,234.5`.
            let lastComma = text.lastIndex(of: ",")!
            let lastDot = text.lastIndex(of: ".")!
            if lastComma > lastDot {
                text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else {
                text = text.replacingOccurrences(of: ",", with: "")
            }
        } else if commas == 1 {
            text = text.replacingOccurrences(of: ",", with: ".")
        } else if commas > 1 {
            text = text.replacingOccurrences(of: ",", with: "")
        } else if dots > 1 {
            text = text.replacingOccurrences(of: ".", with: "")
        }
        guard text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }), let value = Double(text),
            value.isFinite
        else {
            return nil
        }
        // Divide in decimal so that `9,85 %` is exactly the double nearest 0.0985.
        guard percent, let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .number(value, percent: false)
        }
        return .number(NSDecimalNumber(decimal: decimal / 100).doubleValue, percent: true)
    }
}
