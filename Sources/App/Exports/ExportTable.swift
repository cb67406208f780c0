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
        var out = "\u{FEFF}" + header.map(Structures.quote).joined(separator: ";") + "\r\n"
        for row in rows {
            out +=
                row.map { cell -> String in
                    switch cell {
                    case .text(let s): Structures.quote(s)
                    case .number(let v): Self.number(v)
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
                    case .text(let s): s.isEmpty ? .empty : .text(s)
                    case .number(let v): v.map { .number($0) } ?? .empty
                    }
                }
            })
    }

    /// `0.1283` → `0,1283`; integers without decimals; every digit kept, so the file reads back to the same value.
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        // Swift's shortest representation reads back to the very same double (exact round trip).
        var s = "\(v)"
        if s.contains("e") {
            s = String(format: "%.17f", v)
            while s.hasSuffix("0") { s.removeLast() }
        }
        return s.replacingOccurrences(of: ".", with: ",")
    }

    func response(fileName: String, format: Format) throws -> Response {
        switch format {
        case .csv:
            return .csv(csv, fileName: fileName + ".csv")
        case .xlsx:
            let r = Response(status: .ok, body: .init(data: try xlsx()))
            r.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            r.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName).xlsx\"")
            return r
        }
    }
}
