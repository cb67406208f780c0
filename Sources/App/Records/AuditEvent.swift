import Foundation

/// One line of the audit trail: who did what to which object, when, with what changed.
struct AuditEvent: Sendable, Equatable, Decodable {
    var at: Date
    var actor, action, objectType, objectID, summary, details: String
    /// Where the request came from; nil for the command line and older events.
    var address: String?

    /// The details as field → value (for an update, "« before » → « after »"), sorted by field.
    var detailLines: [(field: String, value: String)] {
        guard let data = details.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object.keys.sorted().map { ($0, object[$0].map { "\($0)" } ?? "") }
    }
}
