import JalonCore

/// The activity report per organiser, over a period.
enum ActivityReport {
    struct Model: Sendable, Equatable {
        /// Most actions first.
        var rows: [OrganiserSummary]
        var from: Day?
        var to: Day?
    }
}
