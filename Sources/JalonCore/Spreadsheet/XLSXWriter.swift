import Foundation

/// One cell of an exported sheet.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case empty
}

/// Writes a one-sheet `.xlsx` with a bold, frozen header row: the smallest package Excel, LibreOffice
/// and openpyxl open without a repair prompt. Strings are inline (no shared string table to build).
public enum XLSXWriter {
    /// Data beyond what Excel can hold; `description` is the French message for the user.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooManyRows(Int)
        case tooManyColumns(Int)

        public var description: String {
            switch self {
            case .tooManyRows(let n): "\(n) lignes : un classeur Excel en contient au plus 1 048 576 (en-tête comprise)"
            case .tooManyColumns(let n): "\(n) colonnes : un classeur Excel en contient au plus 16 384"
            }
        }
    }

    /// The `.xlsx` bytes of one sheet named `sheet` (made valid: 31 characters, no `[]:*?/\`).
    public static func write(sheet: String, header: [String], rows: [[XLSXCell]]) throws -> Data {
        guard rows.count + 1 <= 1_048_576 else { throw Failure.tooManyRows(rows.count + 1) }
        let width = max(header.count, rows.map(\.count).max() ?? 0)
        guard width <= 16384 else { throw Failure.tooManyColumns(width) }
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Data(contentTypes.utf8))
        try zip.add("_rels/.rels", Data(rootRelationships.utf8))
        try zip.add("xl/workbook.xml", Data(workbook(sheetName(sheet)).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Data(workbookRelationships.utf8))
        try zip.add("xl/styles.xml", Data(styles.utf8))
        try zip.add("xl/worksheets/sheet1.xml", Data(worksheet(header: header, rows: rows, width: width).utf8))
        return zip.data
    }

    /// Excel refuses sheet names longer than 31 characters or holding `[]:*?/\`, and blank ones.
    static func sheetName(_ raw: String) -> String {
        let cleaned = String(raw.filter { !"[]:*?/\\".contains($0) && !$0.isNewline }.prefix(31))
            .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        return cleaned.isEmpty ? "Feuille1" : cleaned
    }

    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Excel's cell limit is 32 767 characters; beyond it the file opens only after a repair.
    /// Underscores starting an `_xHHHH_` sequence are escaped, or Excel would read them as a character code.
    static func cellText(_ s: String) -> String {
        var text = String(s.prefix(32767))
        if text.utf8.contains(UInt8(ascii: "_")), text.contains("_x") {
            text = text.replacingOccurrences(
                of: #"_(x[0-9A-Fa-f]{4}_)"#, with: "_x005F_$1", options: .regularExpression)
        }
        return XMLEscaping.escape(text)
    }

    private static func worksheet(header: [String], rows: [[XLSXCell]], width: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        xml +=
            #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        xml += #"<selection pane="bottomLeft"/></sheetView></sheetViews>"#
        if width > 0 {
            // Columns sized to the header and the first rows, so that the file is readable on opening.
            xml += "<cols>"
            for c in 0..<width {
                let sample =
                    ([header.count > c ? header[c].count : 0]
                    + rows.prefix(200).map { row in
                        guard c < row.count else { return 0 }
                        switch row[c] {
                        case .text(let s): return s.count
                        case .number(let v): return XLSXReader.plain(v).count
                        case .empty: return 0
                        }
                    }).max() ?? 0
                xml +=
                    #"<col min="\#(c + 1)" max="\#(c + 1)" width="\#(min(60, max(8, sample + 2)))" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += #"<row r="1">"#
        for (c, title) in header.enumerated() {
            xml +=
                #"<c r="\#(columnName(c))1" s="1" t="inlineStr"><is><t xml:space="preserve">\#(cellText(title))</t></is></c>"#
        }
        xml += "</row>"
        for (i, row) in rows.enumerated() {
            let r = i + 2
            xml += #"<row r="\#(r)">"#
            for (c, cell) in row.enumerated() {
                switch cell {
                case .text(let s):
                    xml +=
                        #"<c r="\#(columnName(c))\#(r)" t="inlineStr"><is><t xml:space="preserve">\#(cellText(s))</t></is></c>"#
                case .number(let v) where v.isFinite:
                    xml += #"<c r="\#(columnName(c))\#(r)"><v>\#(number(v))</v></c>"#
                case .number, .empty:
                    // Excel has no NaN or infinity: such a value is left blank rather than break the file.
                    continue
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    /// The shortest text that reads back as the same double (`1` rather than `1.0`).
    private static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }

    private static func workbook(_ sheet: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
            + #"<sheets><sheet name="\#(XMLEscaping.escape(sheet, attribute: true))" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    }

    private static let contentTypes =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        + "</Types>"

    private static let rootRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    private static let workbookRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        + "</Relationships>"

    /// Style 0 is the default; style 1 is bold, for the header. Excel requires the fill list to start
    /// with its two reserved fills (none, gray125).
    private static let styles =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
