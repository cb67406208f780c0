import CZlib
import Foundation

/// Incremental gzip inflate, for files read in chunks that are too large to hold decompressed.
final class InflateStream {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private var ended = false
    private let limits: ExpansionLimits
    private var expanded = 0
    private var consumed = 0

    /// The line limit is the reader's to check (it counts lines anyway); size and ratio are checked here.
    init(limits: ExpansionLimits = .streamed) throws {
        self.limits = limits
        // zlib keeps a pointer back to the z_stream: it must not move, hence the allocation.
        stream.initialize(to: z_stream())
        // windowBits 15 + 32: gzip or zlib header, detected.
        guard inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw Decompression.Failure.corrupt("initialisation zlib impossible")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates one chunk of input, handing each piece of output to `body`; concatenated gzip members are followed.
    func process(_ input: Data, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.bindMemory(to: Bytef.self).baseAddress else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base)
            stream.pointee.avail_in = uInt(raw.count)
            // Goes on while input remains, or while the last call filled the output (zlib may hold more).
            repeat {
                if ended {
                    guard inflateReset(stream) == Z_OK else {
                        throw Decompression.Failure.corrupt("réinitialisation zlib")
                    }
                    ended = false
                }
                let chunk = output.count
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(chunk)
                    return inflate(stream, Z_NO_FLUSH)
                }
                let produced = chunk - Int(stream.pointee.avail_out)
                expanded += produced
                if let reason = limits.refusal(
                    expanded: expanded, consumed: consumed + raw.count - Int(stream.pointee.avail_in), lines: 0)
                {
                    throw Decompression.Failure.tooLarge(reason)
                }
                if produced > 0 {
                    try output.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
                }
                if status == Z_STREAM_END {
                    ended = true
                    if stream.pointee.avail_in == 0 { return }
                    continue
                }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    throw Decompression.Failure.corrupt("données compressées invalides (zlib \(status))")
                }
            } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
            consumed += raw.count
        }
    }

    /// Throws when the input ended inside a member: the file is truncated.
    func finish() throws {
        guard ended else { throw Decompression.Failure.corrupt("fichier compressé tronqué") }
    }
}
