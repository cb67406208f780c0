import Foundation

/// Reads one sheet of an `.xlsx` into the records the CSV pipeline takes, as a user would see the
/// cells: numbers without float noise, dates as `yyyy-mm-dd`, booleans as VRAI/FAUX, and each
/// record's line the spreadsheet row number (empty rows skipped, so errors name the row shown in Excel).
public enum XLSXReader {
    /// Why a workbook cannot be read; `description` is the French message for the user.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAWorkbook
        case damaged(part: String)
        case sheetNotFound(String, available: [String])

        public var description: String {
            switch self {
            case .notAWorkbook: "ce fichier n'est pas un classeur .xlsx lisible"
            case .damaged(let part): "classeur .xlsx endommagé : la partie « \(part) » est absente ou illisible"
            case .sheetNotFound(let name, let available):
                "feuille « \(name) » absente du classeur "
                    + "(feuilles : \(available.map { "« \($0) »" }.joined(separator: ", ")))"
            }
        }
    }

    /// The sheet names, in workbook order.
    public static func sheetNames(_ data: Data) throws -> [String] { try XLSXWorkbook(data).sheets.map(\.name) }

    /// The non-empty rows of the sheet named `sheet` (case and accents ignored), or of the first visible sheet.
    public static func records(_ data: Data, sheet: String? = nil) throws -> [CSVRecord] {
        let workbook = try XLSXWorkbook(data)
        let chosen: XLSXWorkbook.Sheet
        if let sheet {
            let wanted = sheet.trimmingCharacters(in: .whitespaces)
            guard
                let found = workbook.sheets.first(where: {
                    $0.name.compare(wanted, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
                })
            else {
                throw Failure.sheetNotFound(sheet, available: workbook.sheets.map(\.name))
            }
            chosen = found
        } else {
            // A hidden first sheet is usually a lookup table, not what the user means to import.
            chosen = workbook.sheets.first { !$0.hidden } ?? workbook.sheets[0]
        }
        let reader = SheetReader(
            strings: try workbook.sharedStrings(), dateStyles: try workbook.dateStyles(), date1904: workbook.date1904)
        return try reader.records(try workbook.part(chosen.path), part: chosen.path)
    }

    /// Undoes the `_xHHHH_` escapes OOXML uses for characters XML cannot carry (`_x000D_` for CR, `_x005F_` for `_`).
    static func unescape(_ text: String) -> String {
        // Checked on the bytes first: Foundation's `contains` is slow, and this runs for every text cell.
        guard text.utf8.contains(UInt8(ascii: "_")), text.contains("_x") else { return text }
        var out = ""
        var rest = text[...]
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let hex = rest[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let code = UInt32(hex.dropLast(), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return out + rest
    }

    /// A number as Excel shows it in General format: at most 15 significant digits (so binary noise such
    /// as `0.30000000000000004` disappears), no exponent, no trailing `.0`.
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let exponent = Int(log10(abs(value)).rounded(.down))
        var text = String(format: "%.\(min(max(0, 14 - exponent), 340))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// An Excel serial date as `yyyy-mm-dd` (the time of day dropped); nil for serials that are not
    /// dates (below 1, or the 29 February 1900 that Excel counts for Lotus 1-2-3 compatibility).
    static func isoDate(serial: Double, date1904: Bool) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down))
        if date1904 { return Day(ordinal: Day(1904, 1, 1).ordinal + days).iso }
        guard days != 60 else { return nil }
        // Serials after the fictitious 29 February are one day ahead of the real calendar.
        return Day(ordinal: (days > 60 ? Day(1899, 12, 30) : Day(1899, 12, 31)).ordinal + days).iso
    }
}

/// Turns the XML of one worksheet into records.
private struct SheetReader {
    let strings: [String]
    let dateStyles: [Bool]
    let date1904: Bool

    func records(_ xml: Data, part: String) throws -> [CSVRecord] {
        var scanner = XMLScanner(xml)
        var records: [CSVRecord] = []
        var row: [String] = []
        var rowNumber = 0
        var column = 0
        var style = 0
        var type = ""
        var value = ""
        var inline = ""
        var inValue = false
        var inInline = false
        var inText = false
        var inPhonetic = false
        while let event = try XLSXWorkbook.next(&scanner, part) {
            switch event {
            case .open(let name, let attributes, let selfClosing):
                let attribute = { (key: String) in attributes.first { $0.name == key }?.value }
                switch name {
                case "row":
                    // Excel's last row is 1 048 576: a larger number is a damaged (or crafted) sheet.
                    rowNumber = attribute("r").flatMap(Int.init) ?? rowNumber + 1
                    guard (1...1_048_576).contains(rowNumber) else { throw XLSXReader.Failure.damaged(part: part) }
                    row.removeAll(keepingCapacity: true)
                    column = 0
                case "c":
                    column = attribute("r").flatMap(Self.column) ?? column
                    type = attribute("t") ?? ""
                    style = attribute("s").flatMap(Int.init) ?? 0
                    value = ""
                    inline = ""
                    if selfClosing { column += 1 }
                case "v": inValue = !selfClosing
                case "is": inInline = !selfClosing
                case "rPh": inPhonetic = !selfClosing
                case "t": inText = inInline && !inPhonetic && !selfClosing
                default: break
                }
            case .close(let name):
                switch name {
                case "v": inValue = false
                case "is": inInline = false
                case "rPh": inPhonetic = false
                case "t": inText = false
                case "c":
                    let text = try cellText(type: type, value: value, inline: inline, style: style, part: part)
                    if column >= row.count { row.append(contentsOf: repeatElement("", count: column - row.count + 1)) }
                    row[column] = text
                    column += 1
                case "row":
                    while row.last?.isEmpty == true { row.removeLast() }
                    if !row.isEmpty { records.append(CSVRecord(line: rowNumber, fields: row)) }
                    if records.count > ExpansionLimits.current.maxLines {
                        throw Decompression.Failure.tooLarge(
                            "il compte plus de \(Format.integer(ExpansionLimits.current.maxLines)) lignes (limite)")
                    }
                default: break
                }
            case .text(let range, let cdata):
                if inValue {
                    value += scanner.text(range, cdata: cdata)
                } else if inText {
                    inline += scanner.text(range, cdata: cdata)
                }
            }
        }
        return records
    }

    private func cellText(type: String, value: String, inline: String, style: Int, part: String) throws -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(index) else {
                throw XLSXReader.Failure.damaged(part: part)
            }
            return strings[index]
        case "inlineStr": return XLSXReader.unescape(inline)
        case "str": return XLSXReader.unescape(value)
        case "b": return value.isEmpty ? "" : (value.trimmingCharacters(in: .whitespaces) == "1" ? "VRAI" : "FAUX")
        case "d": return String(value.prefix { $0 != "T" })
        case "e": return value
        default:
            // Trimming only when needed: Foundation's trimming is slow, and `<v>` text is almost always bare.
            guard let number = Double(value) ?? Double(value.trimmingCharacters(in: .whitespaces)) else {
                return value.trimmingCharacters(in: .whitespaces)
            }
            if dateStyles.indices.contains(style), dateStyles[style],
                let date = XLSXReader.isoDate(serial: number, date1904: date1904)
            {
                return date
            }
            return XLSXReader.plain(number)
        }
    }

    /// `C7` → 2; nil when the reference has no column letters or lies beyond Excel's last column (XFD).
    static func column(_ reference: String) -> Int? {
        var number = 0
        for byte in reference.utf8 {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { break }
            number = number * 26 + Int(byte - UInt8(ascii: "A") + 1)
            guard number <= 16384 else { return nil }
        }
        return number == 0 ? nil : number - 1
    }
}
