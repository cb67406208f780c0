import Foundation
import JalonCore
import Vapor

/// A file given to an import: its bytes as received (compressed or not), its name for messages,
/// and how to read it.
struct ImportFile: Sendable {
    var name: String
    var data: Data
    var options = ImportOptions()

    var sha256: String { SHA256.hash(data: data).hexString }
}

/// How a file is read: through a profile (with the answers to its parameters), and which sheet of a workbook.
struct ImportOptions: Sendable, Equatable, Codable {
    var profile: String?
    /// Answers to the profile's parameters, or overrides of its constants: canonical field → value.
    var settings: [String: String] = [:]
    var sheet: String?
    /// An administrator's reason to write into locked periods, kept with a pending upload so that
    /// its validation runs with the same override as its preview.
    var override: String?

    /// `periode=2022-02` pairs, as the CLI's `--set`, the API's query and the import page give them:
    /// the one parser of a profile's answers. Empty answers are dropped (a form sends every field).
    static func settings(_ pairs: [String]) throws -> [String: String] {
        var answers: [String: String] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ServiceError.invalid(
                    "Paramètre illisible « \(pair.prefix(60)) » : écrivez champ=valeur (ex. periode=2022-02).")
            }
            guard !parts[1].isEmpty else { continue }
            answers[parts[0].lowercased()] = parts[1]
        }
        return answers
    }

    /// The answers named like the profile's fields (`periode`, `territoire`…), from a form or a query.
    static func settings(fromFields read: (String) -> String?) -> [String: String] {
        var answers: [String: String] = [:]
        for field in ImportProfile.fields {
            if let answer = read(field)?.trimmingCharacters(in: .whitespaces), !answer.isEmpty {
                answers[field] = answer
            }
        }
        return answers
    }
}
