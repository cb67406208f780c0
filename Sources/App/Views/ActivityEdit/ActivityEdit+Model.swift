import JalonCore

/// The form to log an activity.
enum ActivityEdit {
    struct Model: Sendable, Equatable {
        var form = Form()
        var error: String?
    }

    /// The form, prefilled (a visit from the worklist comes with its structure).
    struct Form: Sendable, Equatable {
        var date = ""
        var type = ActivityType.visite.rawValue
        var title = ""
        var duration = ""
        var place = ""
        var remote = false
        var participants = ""
        var topics: [String] = []
        var couloirs: [String] = []
        var territories = ""
        var structures = ""
        var organisers = ""
        var notes = ""
        var followups = ""
        /// Lines of the structures list that name no structure or several: the user picks.
        var review: [Review] = []
    }

    struct Review: Sendable, Equatable {
        var index: Int
        var text: String
        var candidates: [(key: String, label: String)]
        static func == (lhs: Review, rhs: Review) -> Bool {
            lhs.index == rhs.index && lhs.text == rhs.text && lhs.candidates.map(\.key) == rhs.candidates.map(\.key)
        }
    }
}
