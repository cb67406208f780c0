import Foundation

/// Escaping for the XML Jalon writes (.xlsx parts, ADX messages).
enum XMLEscaping {
    /// Escapes markup characters and drops the characters XML 1.0 forbids (C0 controls other than
    /// tab/LF/CR, U+FFFE, U+FFFF): no parser accepts them, so keeping them would make the whole file unreadable.
    /// In attributes, tab/LF/CR become character references, otherwise parsers normalise them to spaces.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        if !text.unicodeScalars.contains(where: { needsWork($0) }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            // A literal CR is turned into LF by every parser (end-of-line handling), even in text.
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\n" where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
            case _ where isForbidden(scalar): continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE
            || scalar.value == 0xFFFF
    }

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "&" || scalar == "<" || scalar == ">" || scalar == "\"" || scalar.value < 0x20
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
