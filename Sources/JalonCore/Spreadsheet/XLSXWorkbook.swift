import Foundation

/// The package structure of an `.xlsx`: where the workbook, its sheets, shared strings and styles
/// live (found through the relationship parts, not assumed), and the date system.
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        var path: String
        var hidden: Bool
    }

    let archive: ZipArchive
    let sheets: [Sheet]
    /// Mac workbooks of old count serial dates from 1904-01-01.
    let date1904: Bool
    let sharedStringsPath: String?
    let stylesPath: String?

    init(_ data: Data) throws {
        guard let archive = try? ZipArchive(data: data) else { throw XLSXReader.Failure.notAWorkbook }
        self.archive = archive
        let root = archive.entry("_rels/.rels") == nil ? [] : try Self.relationships(archive, "_rels/.rels", base: "")
        let workbookPath = root.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard archive.entry(workbookPath) != nil else { throw XLSXReader.Failure.notAWorkbook }
        let base = workbookPath.split(separator: "/").dropLast().map { $0 + "/" }.joined()
        let relsPath = base + "_rels/" + (workbookPath.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = archive.entry(relsPath) == nil ? [] : try Self.relationships(archive, relsPath, base: base)
        sharedStringsPath = rels.first { $0.type.hasSuffix("/sharedStrings") }?.target
        stylesPath = rels.first { $0.type.hasSuffix("/styles") }?.target

        var scanner = XMLScanner(try Self.part(archive, workbookPath))
        var sheets: [Sheet] = []
        var date1904 = false
        while let event = try Self.next(&scanner, workbookPath) {
            guard case .open(let name, let attributes, _) = event else { continue }
            let value = { (key: String) in attributes.first { $0.name == key }?.value }
            if name == "workbookPr" { date1904 = value("date1904") == "1" || value("date1904") == "true" }
            guard name == "sheet", let sheetName = value("name"), let id = value("id"),
                let target = rels.first(where: { $0.id == id })?.target
            else { continue }
            sheets.append(Sheet(name: sheetName, path: target, hidden: (value("state") ?? "visible") != "visible"))
        }
        guard !sheets.isEmpty else { throw XLSXReader.Failure.notAWorkbook }
        self.sheets = sheets
        self.date1904 = date1904
    }

    func part(_ path: String) throws -> Data { try Self.part(archive, path) }

    /// The shared string table; rich text runs are joined, phonetic guides (`rPh`) left out.
    func sharedStrings() throws -> [String] {
        guard let path = sharedStringsPath else { return [] }
        var scanner = XMLScanner(try part(path))
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        while let event = try Self.next(&scanner, path) {
            switch event {
            case .open(let name, _, let selfClosing):
                if name == "si" { current = "" }
                if name == "rPh" { inPhonetic = !selfClosing }
                if name == "t" { inText = !selfClosing && !inPhonetic }
                if name == "si" && selfClosing { strings.append("") }
            case .close(let name):
                if name == "t" { inText = false }
                if name == "rPh" { inPhonetic = false }
                if name == "si" { strings.append(XLSXReader.unescape(current)) }
            case .text(let range, let cdata):
                if inText { current += scanner.text(range, cdata: cdata) }
            }
        }
        return strings
    }

    /// For each cell format (`cellXfs` index), whether it displays a date.
    func dateStyles() throws -> [Bool] {
        guard let path = stylesPath else { return [] }
        var scanner = XMLScanner(try part(path))
        var custom: [Int: String] = [:]
        var styles: [Bool] = []
        var inCellXfs = false
        while let event = try Self.next(&scanner, path) {
            switch event {
            case .open(let name, let attributes, let selfClosing):
                let value = { (key: String) in attributes.first { $0.name == key }?.value }
                if name == "numFmt", let id = value("numFmtId").flatMap(Int.init) {
                    custom[id] = value("formatCode") ?? ""
                }
                if name == "cellXfs" { inCellXfs = !selfClosing }
                if name == "xf", inCellXfs {
                    let id = value("numFmtId").flatMap(Int.init) ?? 0
                    styles.append(custom[id].map(Self.isDateFormat) ?? (14...22).contains(id))
                }
            case .close(let name):
                if name == "cellXfs" { inCellXfs = false }
            case .text:
                break
            }
        }
        return styles
    }

    /// A custom format shows a date when, once its literal parts (quoted text, escaped characters,
    /// `[Red]`/`[$-40C]` sections, padding and fill characters) are removed, it has a day or year
    /// token, or months without hours or seconds (`h:mm` is a time).
    static func isDateFormat(_ code: String) -> Bool {
        var tokens = ""
        var characters = code.lowercased().makeIterator()
        while let character = characters.next() {
            switch character {
            case "\"": while let skipped = characters.next(), skipped != "\"" {}
            case "[": while let skipped = characters.next(), skipped != "]" {}
            case "\\", "_", "*": _ = characters.next()
            default: tokens.append(character)
            }
        }
        return tokens.contains("d") || tokens.contains("y")
            || (tokens.contains("m") && !tokens.contains("h") && !tokens.contains("s"))
    }

    private static func part(_ archive: ZipArchive, _ path: String) throws -> Data {
        guard let entry = archive.entry(path) else { throw XLSXReader.Failure.damaged(part: path) }
        do { return try archive.contents(of: entry) } catch let failure as Decompression.Failure where failure.isLimit {
            throw failure
        } catch {
            throw XLSXReader.Failure.damaged(part: path)
        }
    }

    static func next(_ scanner: inout XMLScanner, _ path: String) throws -> XMLScanner.Event? {
        do { return try scanner.next() } catch { throw XLSXReader.Failure.damaged(part: path) }
    }

    private static func relationships(_ archive: ZipArchive, _ path: String, base: String) throws -> [(
        id: String, type: String, target: String
    )] {
        var scanner = XMLScanner(try part(archive, path))
        var out: [(id: String, type: String, target: String)] = []
        while let event = try next(&scanner, path) {
            guard case .open("Relationship", let attributes, _) = event else { continue }
            let value = { (key: String) in attributes.first { $0.name == key }?.value ?? "" }
            guard value("TargetMode") != "External" else { continue }
            out.append((value("Id"), value("Type"), resolve(value("Target"), base: base)))
        }
        return out
    }

    /// A relationship target is relative to the folder of the part that names it, or absolute from the package root.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for segment in target.split(separator: "/") {
            if segment == ".." { _ = parts.popLast() } else if segment != "." { parts.append(segment) }
        }
        return parts.joined(separator: "/")
    }
}
