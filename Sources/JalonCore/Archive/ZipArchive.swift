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
        var candidate = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while candidate >= lowest {
            if bytes[candidate] == 0x50, bytes[candidate + 1] == 0x4B, bytes[candidate + 2] == 0x05,
                bytes[candidate + 3] == 0x06
            {
                eocd = candidate
                break
            }
            candidate -= 1
        }
        guard eocd >= 0 else { throw Failure.notAZip }
        func u16(_ offset: Int) -> Int { Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 }
        func u32(_ offset: Int) -> Int { u16(offset) | u16(offset + 2) << 16 }
        let count = u16(eocd + 10)
        // The central directory: one 46-byte header per entry, followed by its name, extra field and comment.
        var header = u32(eocd + 16)
        var entries: [Entry] = []
        for _ in 0..<count {
            guard header + 46 <= bytes.count, u32(header) == 0x0201_4B50 else { throw Failure.truncated }
            let nameLength = u16(header + 28)
            let extra = u16(header + 30)
            let comment = u16(header + 32)
            guard header + 46 + nameLength <= bytes.count else { throw Failure.truncated }
            let name = String(decoding: bytes[(header + 46)..<(header + 46 + nameLength)], as: UTF8.self)
            entries.append(
                Entry(
                    path: name, method: UInt16(u16(header + 10)), compressedSize: u32(header + 20),
                    localHeaderOffset: u32(header + 42)))
            header += 46 + nameLength + extra + comment
        }
        self.entries = entries
    }

    public func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }

    public func contents(of entry: Entry) throws -> Data {
        let offset = entry.localHeaderOffset
        guard offset + 30 <= data.count else { throw Failure.truncated }
        let header = data.subdata(in: offset..<(offset + 30))
        let nameLength = Int(header[26]) | Int(header[27]) << 8
        let extra = Int(header[28]) | Int(header[29]) << 8
        let start = offset + 30 + nameLength + extra
        guard start + entry.compressedSize <= data.count else { throw Failure.truncated }
        let raw = data.subdata(in: start..<(start + entry.compressedSize))
        switch entry.method {
        case 0: return raw
        case 8: return try Decompression.inflateRaw(raw)
        default: throw Failure.unsupported("méthode de compression \(entry.method)")
        }
    }
}
