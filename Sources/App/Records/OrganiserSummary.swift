/// One organiser's line of the activity report: actions, participants, distinct structures reached,
/// actions per activity type (raw value → count).
struct OrganiserSummary: Sendable, Equatable {
    var organiser: String
    var actions: Int
    var participants: Int
    var structures: Int
    var byType: [String: Int]
}
