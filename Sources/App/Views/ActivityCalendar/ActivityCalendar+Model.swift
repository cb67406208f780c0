import JalonCore

/// A month of the activity log as a calendar.
enum ActivityCalendar {
    struct Model: Sendable, Equatable {
        /// A day of the month shown.
        var month: Day
        /// The month's activities, by date then title.
        var rows: [ActivityRow]
    }
}
