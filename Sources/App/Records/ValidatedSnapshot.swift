import Foundation
import JalonCore

/// A "photo à date" as a committee validated it: when, for which territory, by whom, and its frozen table.
struct ValidatedSnapshot: Sendable, Equatable {
    var id: UUID
    var name: String
    var asOf: Day
    var territory: String
    var couloir: String?
    var validatedBy: String
    var validatedAt: Date
    var sha256: String
    /// How many indicators were frozen (stored apart, so that the list needs no frozen table).
    var rowCount: Int
    /// The frozen table; empty in `all`, which lists the snapshots without reading their tables.
    var rows: [SnapshotRow]
}
