import Foundation

/// Reads the entries of a zip file (a Python wheel, an `.xlsx`): central directory, stored or
/// deflated entries. Enough for the files Jalon receives; no zip64, no encryption.
public struct ZipArchive: Sendable {
    public enum Failure: Error, Equatable {
        case notAZip
        case unsupported(String)
        case truncated
    }

    public struct Entry: Sendable {
        public let path: String
        let method: UInt16
        let compressedSize: Int
        let localHeaderOffset: Int
    }

    public let entries: [Entry]
    let data: Data

    public init(data: Data) throws {
        self.data = data
        let bytes = [UInt8](data)
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        guard bytes.count >= 22 else { throw Failure.notAZip }
        var eocd = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while i >= lowest {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw Failure.notAZip }
        func u16(_ o: Int) -> Int { Int(bytes[o]) | Int(bytes[o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        let count = u16(eocd + 10)
        var p = u32(eocd + 16)
        var entries: [Entry] = []
        for _ in 0..<count {
            guard p + 46 <= bytes.count, u32(p) == 0x0201_4B50 else { throw Failure.truncated }
            let nameLength = u16(p + 28)
            let extra = u16(p + 30)
            let comment = u16(p + 32)
            guard p + 46 + nameLength <= bytes.count else { throw Failure.truncated }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries.append(
                Entry(
                    path: name, method: UInt16(u16(p + 10)), compressedSize: u32(p + 20), localHeaderOffset: u32(p + 42)
                ))
            p += 46 + nameLength + extra + comment
        }
        self.entries = entries
    }

    public func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }

    public func contents(of entry: Entry) throws -> Data {
        let o = entry.localHeaderOffset
        guard o + 30 <= data.count else { throw Failure.truncated }
        let header = data.subdata(in: o..<(o + 30))
        let nameLength = Int(header[26]) | Int(header[27]) << 8
        let extra = Int(header[28]) | Int(header[29]) << 8
        let start = o + 30 + nameLength + extra
        guard start + entry.compressedSize <= data.count else { throw Failure.truncated }
        let raw = data.subdata(in: start..<(start + entry.compressedSize))
        switch entry.method {
        case 0: return raw
        case 8: return try Decompression.inflateRaw(raw)
        default: throw Failure.unsupported("méthode de compression \(entry.method)")
        }
    }
}
