/// One indicator of a validated snapshot, frozen as the steering table showed it (stored as JSON).
struct SnapshotRow: Codable, Sendable, Equatable {
    var objective: Int
    var fiche: String
    var ficheTitle: String
    var code: String
    var label: String
    var couloir: String
    var target: String
    var due: String
    var value: String
    var valueDate: String
    var realisation: String
    var status: String
    var statusLabel: String
    var provenance: String
    /// The comment given with the value; absent from photos validated before comments were frozen.
    var comment: String? = nil
}
