import Foundation
import Testing

@testable import JalonCore

struct ZipWriterTests {
    @Test func storedAndDeflatedEntriesReadBackWithTheirCRC() throws {
        // setup
        let text = Data(String(repeating: "Jalon, feuille de route régionale. ", count: 500).utf8)
        var zip = ZipWriter()
        // act
        try zip.add("check.txt", Data("123456789".utf8), method: .stored)
        try zip.add("dossier/données.txt", text)
        try zip.add("vide.txt", Data())
        let archive = try ZipArchive(data: zip.data)
        // check
        #expect(archive.entries.map(\.path) == ["check.txt", "dossier/données.txt", "vide.txt"])
        #expect(try archive.contents(of: archive.entry("dossier/données.txt")!) == text)
        #expect(try archive.contents(of: archive.entry("check.txt")!) == Data("123456789".utf8))
        #expect(try archive.contents(of: archive.entry("vide.txt")!).isEmpty)
        #expect(archive.entry("dossier/données.txt")!.compressedSize < text.count / 10)
        // The CRC-32 of "123456789" is the standard check value 0xCBF43926 (local header offset 14).
        #expect(Array(zip.data[14..<18]) == [0x26, 0x39, 0xF4, 0xCB])
    }

    @Test func sameContentSameBytes() throws {
        var first = ZipWriter()
        var second = ZipWriter()
        try first.add("x.xml", Data("<x/>".utf8))
        try second.add("x.xml", Data("<x/>".utf8))
        #expect(first.data == second.data)
    }
}
