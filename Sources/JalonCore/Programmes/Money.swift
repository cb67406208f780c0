import Foundation

/// Amounts of funding programmes, kept in cents: read as the seeds and the files write them (`6,01 M€`,
/// `6 373 682 €`, `1 800 000,50`, `2,1M €`, `350 k€`), written back in French (`6,01 M€`, `6 373 682 €`).
public enum Money {
    /// Cents, or nil when the text is not an amount (a negative one is not).
    public static func cents(french text: String) -> Int64? {
        var written = text.replacingOccurrences(of: "\u{202F}", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "€", with: "")
            .replacingOccurrences(of: "EUR", with: "", options: .caseInsensitive)
        var factor = 1.0
        if written.uppercased().hasSuffix("M") {
            factor = 1_000_000
            written.removeLast()
        } else if written.uppercased().hasSuffix("K") {
            factor = 1_000
            written.removeLast()
        }
        written = written.replacingOccurrences(of: ",", with: ".")
        guard !written.isEmpty, written.allSatisfy({ $0.isNumber || $0 == "." }),
            written.filter({ $0 == "." }).count <= 1, let value = Double(written), value.isFinite,
            value * factor < 1e13
        else { return nil }
        return Int64((value * factor * 100).rounded())
    }

    /// `6,01 M€` from a million up (two decimals), `6 373 682 €` below, cents shown only when there are some.
    public static func french(_ cents: Int64) -> String {
        let euros = Double(cents) / 100
        if abs(euros) >= 1_000_000 {
            return Format.decimal(euros / 1_000_000, fractionDigits: 2) + " M€"
        }
        let whole = cents % 100 == 0
        return Format.decimal(euros, fractionDigits: whole ? 0 : 2) + " €"
    }
}
