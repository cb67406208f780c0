import Foundation

/// One activity with everything its page shows: the journal's row, its details, the structures it
/// reached, its attachments and its history.
struct ActivityDetail: Sendable {
    var row: ActivityRow
    var durationMinutes: Int?
    var place: String
    var remote: Bool
    var notes: String
    var couloirs: [String]
    var structures: [(structure: Structure, attendees: String)]
    var attachments: [ActivityAttachment] = []
    var history: [AuditEvent] = []
}
