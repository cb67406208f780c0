import Foundation

/// How far a compressed input may expand before Jalon stops reading it: its expanded size, its
/// expansion ratio and its number of lines, checked while it is decompressed — so that a small
/// file crafted to expand to gigabytes (a "decompression bomb") is refused within seconds and in
/// bounded memory, with a French message naming the limit.
public struct ExpansionLimits: Sendable, Equatable {
    /// Expanded bytes at most.
    public var maxBytes: Int
    /// Expanded bytes per compressed byte at most, checked once `ratioFloor` bytes came out: a small
    /// file may compress very well (a column of zeros), a large one does not unless it was built to.
    public var maxRatio: Int
    public var ratioFloor: Int
    /// Lines (CSV) or rows (spreadsheet) at most.
    public var maxLines: Int

    public init(maxBytes: Int, maxRatio: Int, ratioFloor: Int = 4 << 20, maxLines: Int) {
        self.maxBytes = maxBytes
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
        self.maxLines = maxLines
    }

    /// Files posted to the server: no larger expanded than an uncompressed upload may be (64 MiB),
    /// twice the lines of the largest national extract we import (a million observations).
    /// Real CSV and XLSX compress 5 to 30 times; 100 leaves room without letting a bomb through.
    public static let upload = ExpansionLimits(maxBytes: 64 << 20, maxRatio: 100, maxLines: 2_000_000)
    /// The operator's own files on the command line, read whole into memory.
    public static let commandLine = ExpansionLimits(maxBytes: 2 << 30, maxRatio: 100, maxLines: 20_000_000)
    /// Files read as a stream, never held whole (the RPPS extraction): only time is at stake.
    public static let streamed = ExpansionLimits(maxBytes: 32 << 30, maxRatio: 100, maxLines: 100_000_000)

    /// The limits of the current task: `upload` unless the command line said otherwise, so that a path
    /// that forgot to choose gets the strictest.
    @TaskLocal public static var current = ExpansionLimits.upload

    /// Why a file went past a limit, in French; nil when it did not.
    public func refusal(expanded: Int, consumed: Int, lines: Int) -> String? {
        if expanded > maxBytes { return "une fois décompressé, il dépasse \(Self.size(maxBytes)) (limite)" }
        if expanded > ratioFloor, expanded / max(consumed, 1) > maxRatio {
            return "il se décompresse plus de \(maxRatio) fois (limite) : "
                + "fichier anormal, peut-être construit pour saturer le serveur"
        }
        if lines > maxLines { return "il compte plus de \(Format.integer(maxLines)) lignes (limite)" }
        return nil
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) Gio" : "\(bytes >> 20) Mio"
    }

    /// Newlines in a piece of output, for the line limit.
    public static func newlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard var cursor = bytes.baseAddress else { return 0 }
        let end = cursor + bytes.count
        var count = 0
        while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
            count += 1
            cursor = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return count
    }
}
