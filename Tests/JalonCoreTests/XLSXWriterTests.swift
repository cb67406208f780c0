import Foundation
import Testing

@testable import JalonCore

struct XLSXWriterTests {
    @Test func roundTripsThroughTheReader() throws {
        // setup
        let header = ["Territoire", "Valeur", "Commentaire"]
        let rows: [[XLSXCell]] = [
            [.text("D59 & <Nord>"), .number(0.1283), .text("« guillemets » \"doubles\"\u{1}\u{0B}")],
            [.text("D62"), .number(2_551_301), .empty],
            [.empty, .number(1.0), .text("ligne 1\nligne 2 ✓ _x0041_")],
            [.text("D80"), .number(.nan), .text("  espaces  ")]
        ]
        // act
        let data = try XLSXWriter.write(sheet: "Export: DMP [2021]/T4", header: header, rows: rows)
        let records = try XLSXReader.records(data)
        // check
        #expect(try XLSXReader.sheetNames(data) == ["Export DMP 2021T4"])
        #expect(records.map(\.line) == [1, 2, 3, 4, 5])
        #expect(records[0].fields == header)
        #expect(records[1].fields == ["D59 & <Nord>", "0.1283", "« guillemets » \"doubles\""])
        #expect(records[2].fields == ["D62", "2551301"])
        #expect(records[3].fields == ["", "1", "ligne 1\nligne 2 ✓ _x0041_"])
        #expect(records[4].fields == ["D80", "", "  espaces  "])
    }

    @Test func severalSheetsReadBackByNameWithDuplicateNamesMadeUnique() throws {
        // setup
        let sheets = [
            XLSXWriter.Sheet(
                name: "Ordre du jour", header: ["Durée", "Point"], rows: [[.number(20), .text("Indicateurs")]]),
            XLSXWriter.Sheet(name: "Objectif 1", header: ["Indicateur"], rows: [[.text("O1-01")]]),
            XLSXWriter.Sheet(name: "objectif 1", header: ["Indicateur"], rows: [[.text("O1-02")]])
        ]
        // act
        let data = try XLSXWriter.write(sheets)
        // check
        #expect(try XLSXReader.sheetNames(data) == ["Ordre du jour", "Objectif 1", "objectif 1 2"])
        #expect(try XLSXReader.records(data, sheet: "Ordre du jour")[1].fields == ["20", "Indicateurs"])
        #expect(try XLSXReader.records(data, sheet: "objectif 1 2")[1].fields == ["O1-02"])
    }

    @Test func headerIsBoldAndFrozen() throws {
        let data = try XLSXWriter.write(sheet: "F", header: ["a"], rows: [])
        let archive = try ZipArchive(data: data)
        let sheet = String(
            decoding: try archive.contents(of: archive.entry("xl/worksheets/sheet1.xml")!), as: UTF8.self)
        let styles = String(decoding: try archive.contents(of: archive.entry("xl/styles.xml")!), as: UTF8.self)
        #expect(sheet.contains(#"state="frozen""#))
        #expect(sheet.contains(#"<c r="A1" s="1""#))
        #expect(styles.contains("<font><b/>"))
    }

    @Test func columnNamesAndSheetNames() {
        #expect([0, 25, 26, 701, 702, 16383].map(XLSXWriter.columnName) == ["A", "Z", "AA", "ZZ", "AAA", "XFD"])
        #expect(XLSXWriter.sheetName("  ") == "Feuille1")
        #expect(XLSXWriter.sheetName(String(repeating: "x", count: 40)).count == 31)
    }

    /// A sheet of national size: 100 000 rows written and read back in reasonable time.
    @Test func largeSheet() throws {
        let rows = (0..<100_000).map { i -> [XLSXCell] in
            [
                .text("D\(i % 100)"), .text("2021-T\(i % 4 + 1)"), .number(Double(i) / 8), .number(Double(i)),
                .text("source \(i % 7)")
            ]
        }
        let data = try XLSXWriter.write(
            sheet: "Données", header: ["territoire", "periode", "valeur", "n", "source"], rows: rows)
        let records = try XLSXReader.records(data)
        #expect(records.count == 100_001)
        #expect(records.last?.fields == ["D99", "2021-T4", "12499.875", "99999", "source 4"])
        #expect(records.last?.line == 100_001)
    }
}
