import Foundation
import JalonCore
import Vapor

/// The fingerprint that tells an import whether a stored row changed (FINESS structures, RPPS
/// practices and activities, activities of a journal): the fields in order, nil kept apart from "".
enum ContentHash {
    /// A digest of every imported field, so that an unchanged line is recognised without comparing columns.
    static func of(_ values: [any Encodable & Sendable]) -> String {
        let text = values.map { v -> String in
            switch v {
            case let s as String: s
            case let s as String?: s ?? "∅"
            case let d as Double?: d.map { String(format: "%.7f", $0) } ?? "∅"
            case let b as Bool: b ? "1" : "0"
            default: "\(v)"
            }
        }.joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).hexString
    }
}
