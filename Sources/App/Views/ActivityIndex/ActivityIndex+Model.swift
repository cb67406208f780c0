/// The activity journal: its filters, its totals, a page of activities.
enum ActivityIndex {
    struct Model: Sendable, Equatable {
        var filter: ActivityFilter
        var rows: [ActivityRow]
        var totals: ActivityTotals
        var message: String?
    }
}
