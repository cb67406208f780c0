/// The totals of the activity journal for a filter, over every page of it.
struct ActivityTotals: Sendable, Equatable {
    var activities = 0
    var participants = 0
    /// Distinct structures: one reached by two activities counts once.
    var structures = 0
}
