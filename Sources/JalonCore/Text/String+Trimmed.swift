import Foundation

extension String {
    /// Without leading and trailing spaces (ASCII, tab, no-break and narrow no-break spaces); returns the
    /// string itself when there is nothing to trim, the common case millions of times per import.
    public var trimmedSpaces: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !Self.isSpace(first) && !Self.isSpace(last) { return self }
        let scalars = unicodeScalars.drop(while: Self.isSpace).reversed().drop(while: Self.isSpace).reversed()
        return String(String.UnicodeScalarView(scalars))
    }

    /// What two labels are compared on: case, accents, spaces and punctuation ignored
    /// (`Pas de Calais` matches `Pas-de-Calais`, `Nombre d’activation` matches `Nombre d'activation`).
    public var matchKey: String {
        folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).filter {
            $0.isLetter || $0.isNumber
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x202F, 0x2000...0x200A, 0x3000: true
        default: false
        }
    }
}
