import Foundation

extension UUID {
    /// A time-ordered UUID (version 7: milliseconds since 1970, then random bits) for rows written in
    /// bulk: consecutive rows land next to each other in the primary-key index instead of at random
    /// pages. Random bits come from `getrandom`, not from the /dev/urandom that Foundation on Linux
    /// opens for every `UUID()`.
    static func ordered() -> UUID {
        var generator = SystemRandomNumberGenerator()
        let millis = UInt64(Date().timeIntervalSince1970 * 1000)
        var bytes = ((millis << 16).bigEndian, generator.next() as UInt64)
        return withUnsafeMutableBytes(of: &bytes) { raw in
            raw[6] = (raw[6] & 0x0F) | 0x70
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
            for (i, byte) in raw.enumerated() {
                if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
