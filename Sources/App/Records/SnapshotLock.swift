import JalonCore

/// The latest validated snapshot, which locks every period ended on or before `until`.
struct SnapshotLock: Sendable, Equatable {
    var until: Day
    var name: String
}
