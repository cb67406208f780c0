import Foundation
import JalonCore

/// A CSV file a user gives Jalon: any encoding and separator we detect, read whole, with French
/// errors naming the file and the line.
enum UploadedCSV {
    /// Any table file an import accepts: `.csv`, `.csv.gz`/`.xz` in any detected encoding and
    /// separator, or an `.xlsx` workbook (its first visible sheet, or the one named).
    static func table(_ raw: Data, fileName: String, sheet: String? = nil) throws -> [CSVRecord] {
        if raw.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { return try XLSXReader.records(raw, sheet: sheet) } catch let f as XLSXReader.Failure {
                throw ServiceError.invalid("\(fileName) : \(f.description)")
            } catch let f as Decompression.Failure {
                throw ServiceError.invalid(
                    "\(fileName) : \(f.description).", status: f.isLimit ? .payloadTooLarge : nil)
            } catch {
                throw ServiceError.invalid("\(fileName) : ce fichier n'est pas un classeur .xlsx lisible.")
            }
        }
        let data: Data
        do { data = try Decompression.auto(raw) } catch let f as Decompression.Failure {
            throw ServiceError.invalid("\(fileName) : \(f.description).", status: f.isLimit ? .payloadTooLarge : nil)
        }
        return try records(data, fileName: fileName)
    }

    static func records(_ data: Data, fileName: String) throws -> [CSVRecord] {
        // Counted before decoding: a file of empty lines would otherwise become millions of records.
        let limits = ExpansionLimits.current
        let lines = data.withUnsafeBytes { ExpansionLimits.newlines($0.bindMemory(to: UInt8.self)) }
        if lines > limits.maxLines {
            throw ServiceError.invalid(
                "\(fileName) : lecture arrêtée : il compte plus de \(Format.integer(limits.maxLines)) lignes (limite).",
                status: .payloadTooLarge)
        }
        let text = TextDecoding.decode(data).text
        do {
            return try CSVReader(separator: CSVReader.detectSeparator(text)).records(text)
        } catch let CSVReader.Failure.unterminatedQuote(line) {
            throw ServiceError.invalid("\(fileName), ligne \(line) : guillemet jamais refermé.")
        }
    }
}

/// A file whose columns are found by header name (French or English, case, accents and spaces
/// ignored) and mapped onto canonical fields — the observations and targets imports.
struct CanonicalTable {
    let rows: [CSVRecord]
    private let index: [String: Int]

    /// Decompresses (gzip/xz), decodes, and locates the columns; blank lines are dropped.
    static func read(_ raw: Data, fileName: String, columns: [(field: String, names: [String])], sheet: String? = nil)
        throws -> CanonicalTable
    {
        let records = try UploadedCSV.table(raw, fileName: fileName, sheet: sheet)
        guard let header = records.first else { throw ServiceError.invalid("\(fileName) : fichier vide.") }
        let names = CSVHeader(header.fields)
        var index: [String: Int] = [:]
        for column in columns {
            if let position = names.index(column.names) { index[column.field] = position }
        }
        let rows = records.dropFirst().filter {
            !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        return CanonicalTable(rows: Array(rows), index: index)
    }

    func has(_ field: String) -> Bool { index[field] != nil }

    /// Refuses a file that lacks one of the `required` fields, listing the columns the kind reads.
    func require(_ required: [String], fileName: String, columns: [(field: String, names: [String])]) throws {
        guard let missing = required.first(where: { !has($0) }) else { return }
        throw ServiceError.invalid(
            "\(fileName), ligne 1 : colonne « \(missing) » absente (colonnes attendues : "
                + columns.map(\.field).joined(separator: ", ") + ").")
    }

    /// A cell holding a list separated by `|` (`MSS|DMP`), its items trimmed, empty ones dropped.
    static func list(_ cell: String?) -> [String] {
        (cell ?? "").split(separator: "|").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
    }

    /// The trimmed cell, nil when empty or absent. Our exports prefix formula-like cells with an
    /// apostrophe (as spreadsheets do): it is read back off.
    func cell(_ record: CSVRecord, _ field: String) -> String? {
        guard let position = index[field] else { return nil }
        let value = SpreadsheetFormula.restored(record[position].trimmedSpaces)
        return value.isEmpty ? nil : value
    }
}
