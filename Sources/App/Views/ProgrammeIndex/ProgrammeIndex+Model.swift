import JalonCore

/// `/programmes`: the funding programmes the région follows, and the shipped ones it may install.
enum ProgrammeIndex {
    struct Entry: Sendable, Equatable {
        var programme: ProgrammeQuery.Programme
        var windows: Int
        var applications: Int
    }

    struct Model: Sendable, Equatable {
        var entries: [Entry]
        /// Shipped definitions not installed yet.
        var templates: [(code: String, name: String)]
        var message: String? = nil
        var error: String? = nil

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.entries == rhs.entries && lhs.templates.map(\.code) == rhs.templates.map(\.code)
                && lhs.message == rhs.message && lhs.error == rhs.error
        }
    }
}
