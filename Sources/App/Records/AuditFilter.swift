import Foundation

/// What the audit page and its CSV export search for; each criterion left nil matches every event.
struct AuditFilter: Sendable, Equatable {
    var actor: String?
    var action: String?
    var objectType: String?
    var objectID: String?
    var text: String?
    var from: Date?
    var to: Date?
    var page = 1
    var perPage = 100
}
