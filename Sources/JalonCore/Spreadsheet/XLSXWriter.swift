import Foundation

/// One cell of an exported sheet.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case empty
}

/// Writes an `.xlsx` of one or several sheets, each with a bold, frozen header row: the smallest package
/// Excel, LibreOffice and openpyxl open without a repair prompt. Strings are inline (no shared string table to build).
public enum XLSXWriter {
    /// Data beyond what Excel can hold; `description` is the French message for the user.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooManyRows(Int)
        case tooManyColumns(Int)

        public var description: String {
            switch self {
            case .tooManyRows(let count):
                "\(count) lignes : un classeur Excel en contient au plus 1 048 576 (en-tête comprise)"
            case .tooManyColumns(let count): "\(count) colonnes : un classeur Excel en contient au plus 16 384"
            }
        }
    }

    public struct Sheet: Sendable, Equatable {
        public var name: String
        public var header: [String]
        public var rows: [[XLSXCell]]

        public init(name: String, header: [String], rows: [[XLSXCell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    /// The `.xlsx` bytes of one sheet named `sheet` (made valid: 31 characters, no `[]:*?/\`).
    public static func write(sheet: String, header: [String], rows: [[XLSXCell]]) throws -> Data {
        try write([Sheet(name: sheet, header: header, rows: rows)])
    }

    /// The `.xlsx` bytes of several sheets, in order; names made valid and unique.
    public static func write(_ sheets: [Sheet]) throws -> Data {
        let sheets = sheets.isEmpty ? [Sheet(name: "Feuille1", header: [], rows: [])] : sheets
        var names: [String] = []
        for sheet in sheets {
            let base = sheetName(sheet.name)
            var name = base
            var suffix = 2
            // Excel compares sheet names without case.
            while names.contains(where: { $0.lowercased() == name.lowercased() }) {
                name = String(base.prefix(28)) + " \(suffix)"
                suffix += 1
            }
            names.append(name)
        }
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Data(contentTypes(count: sheets.count).utf8))
        try zip.add("_rels/.rels", Data(rootRelationships.utf8))
        try zip.add("xl/workbook.xml", Data(workbook(names).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Data(workbookRelationships(count: sheets.count).utf8))
        try zip.add("xl/styles.xml", Data(styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            guard sheet.rows.count + 1 <= 1_048_576 else { throw Failure.tooManyRows(sheet.rows.count + 1) }
            let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
            guard width <= 16384 else { throw Failure.tooManyColumns(width) }
            try zip.add(
                "xl/worksheets/sheet\(index + 1).xml",
                Data(worksheet(header: sheet.header, rows: sheet.rows, width: width).utf8))
        }
        return zip.data
    }

    /// Excel refuses sheet names longer than 31 characters or holding `[]:*?/\`, and blank ones.
    static func sheetName(_ raw: String) -> String {
        let cleaned = String(raw.filter { !"[]:*?/\\".contains($0) && !$0.isNewline }.prefix(31))
            .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        return cleaned.isEmpty ? "Feuille1" : cleaned
    }

    /// `0` → `A`, `25` → `Z`, `26` → `AA`: bijective base 26.
    static func columnName(_ index: Int) -> String {
        var remaining = index + 1
        var name = ""
        while remaining > 0 {
            let letter = (remaining - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + letter))) + name
            remaining = (remaining - 1) / 26
        }
        return name
    }

    /// Excel's cell limit is 32 767 characters; beyond it the file opens only after a repair.
    /// Underscores starting an `_xHHHH_` sequence are escaped, or Excel would read them as a character code.
    static func cellText(_ value: String) -> String {
        var text = String(value.prefix(32767))
        if text.utf8.contains(UInt8(ascii: "_")), text.contains("_x") {
            text = text.replacingOccurrences(
                of: #"_(x[0-9A-Fa-f]{4}_)"#, with: "_x005F_$1", options: .regularExpression)
        }
        return XMLEscaping.escape(text)
    }

    private static func worksheet(header: [String], rows: [[XLSXCell]], width: Int) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        xml += #"<worksheet xmlns="\#(spreadsheetML)">"#
        xml += #"<sheetViews><sheetView workbookViewId="0">"#
        xml += #"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        xml += #"<selection pane="bottomLeft"/></sheetView></sheetViews>"#
        if width > 0 {
            // Columns sized to the header and the first rows, so that the file is readable on opening.
            xml += "<cols>"
            for column in 0..<width {
                let sample =
                    ([header.count > column ? header[column].count : 0]
                    + rows.prefix(200).map { row in
                        guard column < row.count else { return 0 }
                        switch row[column] {
                        case .text(let text): return text.count
                        case .number(let value): return XLSXReader.plain(value).count
                        case .empty: return 0
                        }
                    }).max() ?? 0
                let columnWidth = min(60, max(8, sample + 2))
                xml += #"<col min="\#(column + 1)" max="\#(column + 1)" width="\#(columnWidth)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += #"<row r="1">"#
        for (column, title) in header.enumerated() {
            xml += #"<c r="\#(columnName(column))1" s="1" t="inlineStr">"#
            xml += #"<is><t xml:space="preserve">\#(cellText(title))</t></is></c>"#
        }
        xml += "</row>"
        for (i, row) in rows.enumerated() {
            let rowNumber = i + 2
            xml += #"<row r="\#(rowNumber)">"#
            for (column, cell) in row.enumerated() {
                switch cell {
                case .text(let text):
                    xml += #"<c r="\#(columnName(column))\#(rowNumber)" t="inlineStr">"#
                    xml += #"<is><t xml:space="preserve">\#(cellText(text))</t></is></c>"#
                case .number(let value) where value.isFinite:
                    xml += #"<c r="\#(columnName(column))\#(rowNumber)"><v>\#(number(value))</v></c>"#
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
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// The namespaces and the content-type prefix the parts share.
    private static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let officeDocument = "application/vnd.openxmlformats-officedocument"

    private static func workbook(_ names: [String]) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<workbook xmlns="\#(spreadsheetML)" xmlns:r="\#(officeRelationships)"><sheets>"#
            + names.enumerated().map { index, name in
                #"<sheet name="\#(XMLEscaping.escape(name, attribute: true))" sheetId="\#(index + 1)""#
                    + #" r:id="rId\#(index + 1)"/>"#
            }.joined()
            + "</sheets></workbook>"
    }

    private static func contentTypes(count: Int) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="\#(officeDocument).spreadsheetml.sheet.main+xml"/>"#
            + (1...max(count, 1)).map { index in
                #"<Override PartName="/xl/worksheets/sheet\#(index).xml""#
                    + #" ContentType="\#(officeDocument).spreadsheetml.worksheet+xml"/>"#
            }.joined()
            + #"<Override PartName="/xl/styles.xml" ContentType="\#(officeDocument).spreadsheetml.styles+xml"/>"#
            + "</Types>"
    }

    private static let rootRelationships =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="\#(officeRelationships)/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// Sheets are rId1…rIdN; the styles come after them.
    private static func workbookRelationships(count: Int) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
            + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (1...max(count, 1)).map { index in
                #"<Relationship Id="rId\#(index)" Type="\#(officeRelationships)/worksheet""#
                    + #" Target="worksheets/sheet\#(index).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(max(count, 1) + 1)" Type="\#(officeRelationships)/styles""#
            + #" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Style 0 is the default; style 1 is bold, for the header. Excel requires the fill list to start
    /// with its two reserved fills (none, gray125).
    private static let styles =
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        + #"<styleSheet xmlns="\#(spreadsheetML)">"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>"#
        + #"<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill>"#
        + #"<fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}
