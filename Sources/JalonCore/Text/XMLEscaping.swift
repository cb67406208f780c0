import Foundation

/// Escaping for the XML Jalon writes (.xlsx parts, ADX messages).
enum XMLEscaping {
    /// Escapes markup characters and drops the characters XML 1.0 forbids (C0 controls other than
    /// tab/LF/CR, U+FFFE, U+FFFF): no parser accepts them, so keeping them would make the whole file unreadable.
    /// In attributes, tab/LF/CR become character references, otherwise parsers normalise them to spaces.
    static func escape(_ s: String, attribute: Bool = false) -> String {
        if !s.unicodeScalars.contains(where: { needsWork($0) }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            // A literal CR is turned into LF by every parser (end-of-line handling), even in text.
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\n" where attribute: out.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where attribute: out.append(contentsOf: "&#9;".unicodeScalars)
            case _ where isForbidden(u): continue
            default: out.append(u)
            }
        }
        return String(out)
    }

    static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t" && u != "\n" && u != "\r") || u.value == 0xFFFE || u.value == 0xFFFF
    }

    private static func needsWork(_ u: Unicode.Scalar) -> Bool {
        u == "&" || u == "<" || u == ">" || u == "\"" || u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF
    }
}
