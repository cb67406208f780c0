import Foundation
import Testing

@testable import JalonCore

/// Compressed inputs stop at their limits while they expand, with a French reason naming the limit.
struct ExpansionLimitsTests {
    static let small = ExpansionLimits(maxBytes: 1 << 20, maxRatio: 50, ratioFloor: 256 << 10, maxLines: 1_000)

    static func lines(_ count: Int) -> Data {
        Data(
            (0..<count).map { "O3-18;D59;2022-\(String(format: "%02d", $0 % 12 + 1));\($0 * 7919 % 100_003)\n" }
                .joined().utf8)
    }

    @Test func anOrdinaryFileExpandsWhole() throws {
        // setup
        let plain = Self.lines(900)
        let gz = try RPPSReaderTests.gzip(plain)
        // act
        let expanded = try Decompression.gunzip(gz, limits: Self.small)
        // check
        #expect(expanded == plain)
    }

    @Test func aBombStopsAtTheRatioWithAFrenchReason() throws {
        // setup: 8 MiB of zeros deflate to a few kilobytes
        let gz = try RPPSReaderTests.gzip(Data(count: 8 << 20))
        // act
        let failure = #expect(throws: Decompression.Failure.self) { try Decompression.gunzip(gz, limits: Self.small) }
        // check
        #expect(failure?.isLimit == true)
        #expect(failure?.description.contains("se décompresse plus de 50 fois") == true)
    }

    @Test func expandedSizeAndLinesAreBoundedToo() throws {
        // setup: random-looking text compresses little, so the ratio does not trip first
        let big = Self.lines(60_000)
        let many = Self.lines(1_500)
        let roomy = ExpansionLimits(maxBytes: 1 << 20, maxRatio: 1_000, maxLines: 1_000_000)
        // act
        let bySize = #expect(throws: Decompression.Failure.self) {
            try Decompression.gunzip(try RPPSReaderTests.gzip(big), limits: roomy)
        }
        let byLines = #expect(throws: Decompression.Failure.self) {
            try Decompression.gunzip(
                try RPPSReaderTests.gzip(many), limits: .init(maxBytes: 1 << 20, maxRatio: 1_000, maxLines: 1_000))
        }
        // check
        #expect(bySize?.description == "lecture arrêtée : une fois décompressé, il dépasse 1 Mio (limite)")
        #expect(byLines?.description == "lecture arrêtée : il compte plus de 1\u{202F}000 lignes (limite)")
    }

    @Test func aZipEntryIsBoundedAsItInflates() throws {
        // setup: an .xlsx-like archive whose one entry is 8 MiB of spaces
        var writer = ZipWriter()
        try writer.add("xl/worksheets/sheet1.xml", Data(repeating: 0x20, count: 8 << 20))
        let archive = try ZipArchive(data: writer.data)
        // act
        let failure = #expect(throws: Decompression.Failure.self) {
            try ExpansionLimits.$current.withValue(Self.small) { try archive.contents(of: archive.entries[0]) }
        }
        // check
        #expect(failure?.isLimit == true)
    }

    @Test func theCurrentLimitsAreTheUploadOnesUnlessACommandChoseOthers() {
        #expect(ExpansionLimits.current == .upload)
        #expect(ExpansionLimits.$current.withValue(.commandLine) { ExpansionLimits.current } == .commandLine)
        #expect(ExpansionLimits.upload.maxBytes == 64 << 20)
    }
}
