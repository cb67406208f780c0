import Foundation
import JalonCore
import Vapor

/// The fingerprint that tells an import whether a stored row changed (FINESS structures, RPPS
/// practices and activities, activities of a journal): the fields in order, nil kept apart from "".
enum ContentHash {
    /// A digest of every imported field, so that an unchanged line is recognised without comparing
    /// columns.
    static func of(_ values: [any Encodable & Sendable]) -> String {
        let text = values.map { value -> String in
            switch value {
            case let text as String: text
            case let text as String?: text ?? "∅"
            case let number as Double?: number.map { String(format: "%.7f", $0) } ?? "∅"
            case let flag as Bool: flag ? "1" : "0"
            default: "\(value)"
            }
        }.joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).hexString
    }
}
