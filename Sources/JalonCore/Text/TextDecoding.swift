import Foundation

/// Decodes the bytes of the files regions receive: UTF-8 (with or without BOM) or, failing that,
/// Windows-1252 — the superset of Latin-1 that Excel and the FINESS extract actually write.
public enum TextDecoding {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case windows1252 = "Windows-1252"
    }

    public static func decode(_ data: Data) -> (text: String, encoding: Encoding) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        return (decodeWindows1252(bytes), .windows1252)
    }

    /// Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, curly quotes, œ…).
    static let cp1252High: [UInt16] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178
    ]

    static func decodeWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let code: UInt32 = (0x80...0x9F).contains(byte) ? UInt32(cp1252High[Int(byte - 0x80)]) : UInt32(byte)
            scalars.append(Unicode.Scalar(code)!)
        }
        return String(scalars)
    }
}
