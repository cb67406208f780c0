import Foundation
import Testing

@testable import JalonCore

struct XLSXReaderTests {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook shaped like Excel's own output: a hidden first sheet, sheets listed in another order
    /// than their part names, shared strings with rich text and phonetic runs, custom date formats.
    static func excelLike(sheet: String? = nil) throws -> Data {
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Data("<Types/>".utf8))
        try zip.add(
            "_rels/.rels",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """.utf8))
        try zip.add(
            "xl/workbook.xml",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="\(main)" xmlns:r="\(rel)"><workbookPr defaultThemeVersion="166925"/><bookViews>\
                <workbookView/></bookViews>
                <sheets><sheet name="Tables" sheetId="3" state="hidden" r:id="rId3"/>\
                <sheet name="Données 2021" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/>\
                </sheets></workbook>
                """.utf8))
        try zip.add(
            "xl/_rels/workbook.xml.rels",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId3" Type="\(rel)/worksheet" Target="worksheets/sheet3.xml"/>
                <Relationship Id="rId2" Type="\(rel)/worksheet" Target="/xl/worksheets/sheet2.xml"/>
                <Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId5" Type="\(rel)/sharedStrings" Target="sharedStrings.xml"/>
                <Relationship Id="rId4" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
                """.utf8))
        try zip.add(
            "xl/sharedStrings.xml",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <sst xmlns="\(main)" count="5" uniqueCount="5"><si><t>Indicateur</t></si><si><t>Période</t></si>
                <si><r><rPr><b/></rPr><t xml:space="preserve">DMP </t></r><r><t>alimenté</t></r><rPh sb="0" eb="1">\
                <t>ignored</t></rPh></si>
                <si><t>Ligne 1_x000D_
                Ligne 2 &amp; &lt;fin&gt;</t></si><si><t/></si></sst>
                """.utf8))
        try zip.add(
            "xl/styles.xml",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <styleSheet xmlns="\(main)"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/>\
                <numFmt numFmtId="165" formatCode="0.0&quot; m&quot;"/></numFmts>
                <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
                <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>\
                <xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>
                """.utf8))
        try zip.add(
            "xl/worksheets/sheet1.xml",
            Data(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(main)" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">\
                <dimension ref="A1:G5"/><sheetData>
                <row r="1" spans="1:7" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
                <c r="C1" t="s" s="0"><v>4</v></c></row>
                <row r="2"/>
                <row r="3"><c r="A3" t="s"><v>2</v></c><c r="C3" s="1"><v>44561</v></c><c r="D3" s="4">\
                <v>0.12830000000000001</v></c><c r="E3"><v>2551301</v></c><c r="F3" s="3"><v>1</v></c><c r="G3" s="5"/>\
                </row>
                <row r="4"><c r="B4" s="2"><v>44621.5</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="inlineStr"><is>\
                <r><t>en </t></r><r><t>ligne</t></r></is></c><c r="E4" t="str"><f>A1&amp;"x"</f><v>Indicateurx</v></c>\
                <c r="F4" t="e"><v>#N/A</v></c></row>
                <row r="5"><c r="A5" t="s"><v>3</v></c><c r="B5"><v>0.30000000000000004</v></c><c r="C5"><v>-1.5E-3</v>\
                </c></row>
                <row r="6"><c r="A6" t="s"><v>4</v></c></row>
                </sheetData><pageMargins left="0.7"/></worksheet>
                """.utf8))
        try zip.add(
            "xl/worksheets/sheet2.xml",
            Data(
                """
                <x:worksheet xmlns:x="\(main)"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>note</x:t></x:is>\
                </x:c><x:c><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>
                """.utf8))
        try zip.add(
            "xl/worksheets/sheet3.xml",
            Data(
                ("<worksheet xmlns=\"\(main)\"><sheetData>"
                    + "<row r=\"1\"><c t=\"inlineStr\"><is><t>caché</t></is></c></row></sheetData></worksheet>").utf8))
        return zip.data
    }

    @Test func readsTheFirstVisibleSheetAsTheUserSeesIt() throws {
        // act
        let records = try XLSXReader.records(Self.excelLike())
        // check: rows 2 and 6 are empty (row 6 holds an empty string) and skipped; lines are the row numbers
        #expect(records.map(\.line) == [1, 3, 4, 5])
        #expect(records[0].fields == ["Indicateur", "Période"])
        #expect(records[1].fields == ["DMP alimenté", "", "2021-12-31", "0.1283", "2551301", "1"])
        #expect(records[2].fields == ["", "2022-03-01", "VRAI", "en ligne", "Indicateurx", "#N/A"])
        #expect(records[3].fields == ["Ligne 1\r\nLigne 2 & <fin>", "0.3", "-0.0015"])
    }

    @Test func picksASheetByNameIgnoringCaseAndAccents() throws {
        let data = try Self.excelLike()
        #expect(try XLSXReader.sheetNames(data) == ["Tables", "Données 2021", "Notes"])
        #expect(try XLSXReader.records(data, sheet: "notes") == [CSVRecord(line: 1, fields: ["note", "2"])])
        #expect(try XLSXReader.records(data, sheet: "TABLES").first?.fields == ["caché"])
        #expect(try XLSXReader.records(data, sheet: "donnees 2021").count == 4)
    }

    @Test func aMissingSheetListsTheOthers() throws {
        let data = try Self.excelLike()
        #expect(throws: XLSXReader.Failure.sheetNotFound("Résultats", available: ["Tables", "Données 2021", "Notes"])) {
            try XLSXReader.records(data, sheet: "Résultats")
        }
        let failure = XLSXReader.Failure.sheetNotFound("Résultats", available: ["Tables", "Notes"])
        #expect(failure.description == "feuille « Résultats » absente du classeur (feuilles : « Tables », « Notes »)")
    }

    @Test func refusesWhatIsNotAWorkbook() throws {
        #expect(throws: XLSXReader.Failure.notAWorkbook) { try XLSXReader.records(Data("a;b\n1;2\n".utf8)) }
        var zip = ZipWriter()
        try zip.add("word/document.xml", Data("<document/>".utf8))
        #expect(throws: XLSXReader.Failure.notAWorkbook) { try XLSXReader.sheetNames(zip.data) }
        #expect(XLSXReader.Failure.notAWorkbook.description == "ce fichier n'est pas un classeur .xlsx lisible")
    }

    @Test func aSharedStringOutOfRangeIsADamagedSheet() throws {
        var zip = ZipWriter()
        try zip.add(
            "xl/workbook.xml", Data("<workbook><sheets><sheet name=\"F\" r:id=\"rId1\"/></sheets></workbook>".utf8))
        try zip.add(
            "xl/_rels/workbook.xml.rels",
            Data(
                ("<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/f.xml\"/>"
                    + "</Relationships>").utf8))
        try zip.add(
            "xl/worksheets/f.xml",
            Data("<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>3</v></c></row></sheetData></worksheet>".utf8))
        #expect(throws: XLSXReader.Failure.damaged(part: "xl/worksheets/f.xml")) { try XLSXReader.records(zip.data) }
    }

    /// A row number past Excel's last (1 048 576) is a damaged sheet — the next row's number used to overflow.
    @Test func aRowNumberPastExcelsLastIsADamagedSheet() throws {
        var zip = ZipWriter()
        try zip.add(
            "xl/workbook.xml", Data("<workbook><sheets><sheet name=\"F\" r:id=\"rId1\"/></sheets></workbook>".utf8))
        try zip.add(
            "xl/_rels/workbook.xml.rels",
            Data(
                ("<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/f.xml\"/>"
                    + "</Relationships>").utf8))
        try zip.add(
            "xl/worksheets/f.xml",
            Data(
                """
                <worksheet><sheetData><row r="9223372036854775807"><c><v>1</v></c></row><row><c><v>2</v></c></row>\
                </sheetData></worksheet>
                """.utf8))
        #expect(throws: XLSXReader.Failure.damaged(part: "xl/worksheets/f.xml")) { try XLSXReader.records(zip.data) }
    }

    @Test(arguments: [
        (0.1283, "0.1283"), (2_551_301, "2551301"), (1.0, "1"), (-0.0, "0"), (0.1 + 0.2, "0.3"),
        (1e-10, "0.0000000001"),
        (1e20, "100000000000000000000"), (123456789.123456789, "123456789.123457"), (-12.5, "-12.5")
    ])
    func numbersAsExcelShowsThem(value: Double, text: String) {
        #expect(XLSXReader.plain(value) == text)
    }

    @Test(arguments: [
        (1.0, "1900-01-01"), (59.0, "1900-02-28"), (61.0, "1900-03-01"), (25569.0, "1970-01-01"),
        (44561.75, "2021-12-31")
    ])
    func serialDates(serial: Double, iso: String) {
        #expect(XLSXReader.isoDate(serial: serial, date1904: false) == iso)
    }

    @Test func serialDateEdges() {
        #expect(XLSXReader.isoDate(serial: 60, date1904: false) == nil)
        #expect(XLSXReader.isoDate(serial: 0.5, date1904: false) == nil)
        #expect(XLSXReader.isoDate(serial: 43099, date1904: true) == "2021-12-31")
        for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
    }

    @Test(arguments: [
        ("dd/mm/yyyy", true), ("mmm-yy", true), ("[$-40C]d mmmm yyyy;@", true), ("0.0\" m\"", false), ("h:mm", false),
        ("[h]:mm:ss", false), ("General", false), ("#,##0 \"jours\"", false), ("[Red]0.00", false), ("mm/yyyy", true)
    ])
    func customDateFormats(code: String, isDate: Bool) {
        #expect(XLSXWorkbook.isDateFormat(code) == isDate)
    }
}
