import Foundation
import JalonCore
import Vapor

/// A table to download, written as CSV for French Excel (`;`, UTF-8 with BOM, comma decimals, no
/// digit grouping, formula-like cells neutralised) or as an .xlsx workbook (numbers as numbers).
struct ExportTable: Sendable, Equatable {
    enum Cell: Sendable, Equatable {
        case text(String)
        /// nil: an empty cell.
        case number(Double?)
    }

    enum Format: String, Sendable, CaseIterable { case csv, xlsx }

    var sheet: String
    var header: [String]
    var rows: [[Cell]]

    var csv: String {
        var out = "\u{FEFF}" + header.map(CSVField.quote).joined(separator: ";") + "\r\n"
        for row in rows {
            out +=
                row.map { cell -> String in
                    switch cell {
                    case .text(let text): CSVField.quote(text)
                    case .number(let number): Self.number(number)
                    }
                }.joined(separator: ";") + "\r\n"
        }
        return out
    }

    func xlsx() throws -> Data {
        try XLSXWriter.write(
            sheet: sheet, header: header,
            rows: rows.map { row in
                row.map { cell -> XLSXCell in
                    switch cell {
                    case .text(let text): text.isEmpty ? .empty : .text(text)
                    case .number(let number): number.map { .number($0) } ?? .empty
                    }
                }
            })
    }

    /// `0.1283` → `0,1283`; integers without decimals; every digit kept, so the file reads back to the same
    /// value.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        // Swift's shortest representation reads back to the very same double (exact round trip).
        var text = "\(value)"
        if text.contains("e") {
            text = String(format: "%.17f", value)
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    func response(fileName: String, format: Format) throws -> Response {
        switch format {
        case .csv:
            return .csv(csv, fileName: fileName + ".csv")
        case .xlsx:
            let response = Response(status: .ok, body: .init(data: try xlsx()))
            response.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.headers.replaceOrAdd(
                name: .contentDisposition, value: "attachment; filename=\"\(fileName).xlsx\"")
            return response
        }
    }
}
