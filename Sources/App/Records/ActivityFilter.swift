import JalonCore

/// What the activity journal is narrowed to; each criterion left nil keeps every activity.
struct ActivityFilter: Sendable, Equatable {
    var from: Day?
    var to: Day?
    var type: ActivityType?
    var topic: String?
    var couloir: Couloir?
    var territory: String?
    var organiser: String?
    var page = 1
    var perPage = 50
}
