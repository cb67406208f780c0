/// The audit trail: every write, who, when, what; searchable and exportable, never editable.
enum AuditIndex {
    struct Model: Sendable, Equatable {
        var filter: AuditFilter
        /// The filter's page of events, most recent first.
        var events: [AuditEvent]
        /// How many events the filter matches, over every page.
        var total: Int
    }
}
