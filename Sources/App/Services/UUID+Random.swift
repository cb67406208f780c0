import Foundation

extension UUID {
    /// A version-4 UUID from the system generator. Foundation on Linux opens /dev/urandom for every
    /// `UUID()`, which an import of a million rows feels; `getrandom` has no file to open.
    static func random() -> UUID {
        var g = SystemRandomNumberGenerator()
        var bytes = (g.next() as UInt64, g.next() as UInt64)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = (raw[6] & 0x0F) | 0x40
            raw[8] = (raw[8] & 0x3F) | 0x80
            return UUID(uuid: raw.load(as: uuid_t.self))
        }
    }
}

extension UUID {
    /// `uuidString` without `sprintf` (Foundation formats each byte with it): the same upper-case text.
    var upperText: String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        withUnsafeBytes(of: uuid) { raw in
            for (i, b) in raw.enumerated() {
                if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
