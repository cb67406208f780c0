import CZlib
import Foundation

/// Builds a zip file in memory (an `.xlsx` is one): stored or deflated entries, UTF-8 names, no
/// zip64 — so at most 65 535 entries and 4 GiB, far beyond any spreadsheet Jalon exports.
public struct ZipWriter: Sendable {
    /// How an entry is stored; the raw values are the zip method codes.
    public enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    /// `tooLarge`: beyond what a zip without zip64 holds; `compression`: zlib refused the data.
    public enum Failure: Error, Equatable {
        case tooLarge
        case compression(String)
    }

    private var body = Data()
    private var directory = Data()
    private var count = 0

    public init() {}

    /// Appends one entry; `path` uses `/` separators and no leading slash.
    public mutating func add(_ path: String, _ contents: Data, method: Method = .deflated) throws {
        let payload = method == .deflated ? try Self.deflateRaw(contents) : contents
        let name = Data(path.utf8)
        guard count < 0xFFFF, contents.count <= 0xFFFF_FFFF, body.count + payload.count + name.count + 30 <= 0xFFFF_FFFF
        else {
            throw Failure.tooLarge
        }
        let crc = contents.withUnsafeBytes { buf in
            UInt32(crc32(0, buf.bindMemory(to: Bytef.self).baseAddress, uInt(buf.count)))
        }
        let offset = UInt32(body.count)
        // Shared by the local header and the central directory entry: version 2.0, flag 11 (UTF-8 names),
        // method, a fixed 1980-01-01 00:00 timestamp so that the same content gives the same bytes, crc, sizes.
        var common = Data()
        common.le16(20)
        common.le16(0x0800)
        common.le16(method.rawValue)
        common.le16(0)
        common.le16(0x21)
        common.le32(crc)
        common.le32(UInt32(payload.count))
        common.le32(UInt32(contents.count))
        common.le16(UInt16(name.count))
        common.le16(0)

        body.le32(0x0403_4B50)
        body.append(common)
        body.append(name)
        body.append(payload)

        directory.le32(0x0201_4B50)
        directory.le16(20)
        directory.append(common)
        directory.le16(0)
        directory.le16(0)
        directory.le16(0)
        directory.le32(0)
        directory.le32(offset)
        directory.append(name)
        count += 1
    }

    /// The finished archive: entries, central directory, end record.
    public var data: Data {
        var out = body
        out.append(directory)
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(UInt16(count))
        out.le16(UInt16(count))
        out.le32(UInt32(directory.count))
        out.le32(UInt32(body.count))
        out.le16(0)
        return out
    }

    /// Raw deflate (windowBits -15): zip entries carry no zlib header.
    static func deflateRaw(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard
            deflateInit2_(
                &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else {
            throw Failure.compression("initialisation zlib impossible")
        }
        defer { deflateEnd(&stream) }
        var output = Data()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    return deflate(&stream, Z_FINISH)
                }
                output.append(buffer, count: chunk - Int(stream.avail_out))
                if status == Z_STREAM_END { return }
                // With Z_FINISH and room left in the output, anything but Z_OK means zlib cannot go on.
                guard status == Z_OK else { throw Failure.compression("zlib \(status)") }
            }
        }
        return output
    }
}

extension Data {
    mutating func le16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }
    mutating func le32(_ value: UInt32) {
        le16(UInt16(value & 0xFFFF))
        le16(UInt16(value >> 16))
    }
}
