/// One validated snapshot as it was validated: its frozen table by fiche, its exports, its history.
enum SnapshotShow {
    struct Model: Sendable, Equatable {
        var snapshot: ValidatedSnapshot
        var history: [AuditEvent]
        var message: String?
    }
}
