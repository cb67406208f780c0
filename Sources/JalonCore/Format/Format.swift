import Foundation

/// French formatting of numbers and dates, as the committees read them: `2 551 301`, `12,8 %`,
/// `1er mars 2022`. Spaces are narrow no-break spaces (U+202F) as in French typography, so that
/// figures never wrap across lines.
public enum Format {
    public static let thinSpace = "\u{202F}"

    public static func integer(_ value: Int) -> String {
        let digits = group(String(value.magnitude))
        return value < 0 ? "-" + digits : digits
    }

    /// Never traps, whatever the value. A double holds about 16 significant digits, and `Int(_:)` traps
    /// past 2⁶³: decimals are dropped where the double has none left (their places read `0`), and past
    /// 2⁵³ the digits are the shortest that name the double, padded with zeros (1e26 reads
    /// `100 000 … 000`, not the binary noise `…004 764 729 344`).
    public static func decimal(_ value: Double, fractionDigits: Int = 1) -> String {
        guard value.isFinite else { return "—" }
        let digits = min(max(fractionDigits, 0), 15)
        let exactLimit = 9_007_199_254_740_992.0  // 2⁵³
        var usable = digits
        while usable > 0, (value.magnitude * pow(10.0, Double(usable))).rounded() >= exactLimit { usable -= 1 }
        let padding = String(repeating: "0", count: digits - usable)
        let scaled = (value.magnitude * pow(10.0, Double(usable))).rounded()
        guard scaled < exactLimit else {
            let whole = group(shortestDigits(value.magnitude))
            return (value < 0 ? "-" : "") + whole + (digits > 0 ? "," + padding : "")
        }
        let units = Int(scaled)
        let power = Int(pow(10.0, Double(usable)))
        var text = integer(units / power)
        if digits > 0 {
            let fraction = usable > 0 ? String(units % power) : ""
            text += "," + String(repeating: "0", count: usable - fraction.count) + fraction + padding
        }
        return units != 0 && value < 0 ? "-" + text : text
    }

    /// The integer digits of a whole double from its shortest round-trip rendering: `1e+26` → `1` and
    /// 26 zeros, `9.3e+18` → `93` and 17 zeros, `9007199254740993.0` → `9007199254740993`.
    static func shortestDigits(_ magnitude: Double) -> String {
        let text = String(describing: magnitude)
        let parts = text.split(separator: "e")
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(mantissa[0])
        var fraction = mantissa.count > 1 ? String(mantissa[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let zeros = max(0, exponent - fraction.count)
        return whole + fraction.prefix(max(0, exponent)) + String(repeating: "0", count: zeros)
    }

    /// `1234567` → `1 234 567`: thousands separated by narrow no-break spaces.
    static func group(_ digits: String) -> String {
        // Counted once: `String.count` walks the whole string, and a stored 1e300 has 301 digits.
        let count = digits.utf8.count
        var out = ""
        out.reserveCapacity(count + count / 3 * 3)
        for (index, character) in digits.enumerated() {
            if index > 0, (count - index) % 3 == 0 { out += thinSpace }
            out.append(character)
        }
        return out
    }

    /// As many decimals as the value has, up to `maxFractionDigits`: `3` → `3`, `1.5` → `1,5`.
    public static func number(_ value: Double, maxFractionDigits: Int = 6) -> String {
        var text = decimal(value, fractionDigits: maxFractionDigits)
        guard text.contains(",") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(",") { text.removeLast() }
        return text
    }

    public static func percent(_ ratio: Double, fractionDigits: Int = 1) -> String {
        decimal(ratio * 100, fractionDigits: fractionDigits) + "\u{00A0}%"
    }

    public static let months = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre"
    ]

    /// `2022-03-01` → `1er mars 2022`; anything unparsable is returned as is.
    public static func date(iso: String) -> String {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return iso }
        return "\(day == 1 ? "1er" : String(day)) \(months[month - 1]) \(year)"
    }

    /// `2027-04-13` → `mardi 13 avril 2027`, as a cover prints a meeting's date.
    public static func longDate(iso: String) -> String {
        guard let day = Day(iso: String(iso.prefix(10))) else { return iso }
        let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        return "\(weekdays[AnnualProgramme.weekday(of: day) - 1]) \(date(iso: iso))"
    }

    public static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        let components = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.date(iso: String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!))
    }

    /// `46.211257` → `46,21126` — coordinates in French notation.
    public static func coordinate(_ value: Double) -> String {
        decimal(value, fractionDigits: 5).replacingOccurrences(of: thinSpace, with: "")
    }
}
