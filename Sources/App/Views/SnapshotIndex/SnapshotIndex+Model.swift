import JalonCore

/// Validated snapshots ("photos à date") as a committee signed them off, and the form to validate one.
enum SnapshotIndex {
    struct Model: Sendable, Equatable {
        var snapshots: [ValidatedSnapshot]
        var lock: SnapshotLock?
        /// The roadmaps a photo can be validated for, the current one proposed.
        var roadmaps: [Roadmap] = []
        var currentRoadmap: Roadmap?
        var message: String?
        var error: String?
        var form: Form?
    }

    /// What the validation form was filled with, given back after a refusal.
    struct Form: Sendable, Equatable {
        var name: String?
        var date: String?
        var territory: String?
    }
}
