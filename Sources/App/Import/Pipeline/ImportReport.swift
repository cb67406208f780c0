import Foundation
import JalonCore

/// What an import did or would do: its counts, its rejected lines with their reasons, the first
/// changes (for the preview) and, once committed, its batch. The same report answers the CLI, the
/// API and the pages, for every kind.
struct ImportReport: Codable, Sendable, Equatable {
    struct Rejection: Codable, Sendable, Equatable {
        var line: Int
        var field: String
        var reason: String
    }

    /// One change a preview announces: `before` is nil for a creation.
    struct Sample: Codable, Sendable, Equatable {
        var line: Int
        var indicator: String
        var subject: String
        var couloir: String
        var period: String
        var before: String?
        var after: String
    }

    var file: String
    var sha256: String
    /// What a line is, for the text: « lignes », « activités »…
    var noun = "lignes"
    var read = 0
    var created = 0
    var updated = 0
    var unchanged = 0
    /// What the input removes by replacing a whole table (the code mapping); 0 for other kinds.
    var deleted = 0
    var rejected: [Rejection] = []
    var batch: UUID?
    /// Whether the batch can be undone (`jalon import undo`): kinds that keep what they replaced.
    var undoable = true
    /// `name vN` when the file was read through a profile.
    var profile: String?
    /// The first changes, for the preview: what would be created or replaced.
    var samples: [Sample] = []
    /// What the kind adds to the counts (the structures an activity log reaches…).
    var notes: [String] = []
    static let sampleLimit = 200

    var changes: Int { created + updated + deleted }

    var text: String {
        var lines = [
            "\(file) : \(Format.integer(read)) \(noun) lues — \(Format.integer(created)) créées, "
                + "\(Format.integer(updated)) modifiées, \(Format.integer(unchanged)) inchangées, "
                + (deleted > 0 ? "\(Format.integer(deleted)) supprimées, " : "")
                + "\(Format.integer(rejected.count)) rejetées."
        ]
        lines += notes
        for rejection in rejected.prefix(100) {
            lines.append("  ligne \(rejection.line), champ \(rejection.field) : \(rejection.reason)")
        }
        if rejected.count > 100 { lines.append("  … et \(rejected.count - 100) autres lignes rejetées") }
        if !samples.isEmpty {
            lines.append("Changements\(changes > 20 ? " (20 premiers)" : "") :")
            for change in samples.prefix(20) {
                let before = change.before.map { "\($0) → " } ?? "nouveau "
                lines.append(
                    "  ligne \(change.line) : \(change.indicator) \(change.subject) \(change.couloir) "
                        + "\(change.period) : \(before)\(change.after)")
            }
        }
        if changes == 0 { lines.append("Aucun changement : ces valeurs sont déjà dans Jalon.") }
        if let batch {
            let short = batch.uuidString.prefix(8).lowercased()
            lines.append(
                "Lot \(batch.uuidString.lowercased()) enregistré"
                    + (undoable ? " (annulable par « jalon import undo \(short) »)." : "."))
        }
        return lines.joined(separator: "\n")
    }

    /// Every digit the file gave (up to 6 decimals), French style: what a preview shows of a value.
    static func exact(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return Format.integer(Int(value)) }
        var text = Format.decimal(value, fractionDigits: 6)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
