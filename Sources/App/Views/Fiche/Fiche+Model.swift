import JalonCore

/// A "fiche synthèse" in the Nouvelle-Aquitaine layout, printable.
enum FichePage {
    struct Action: Sendable, Equatable {
        var id: String
        var number: Int
        var title: String
        var status: String
        var description = ""
        var pilot: String? = nil
        var start: String? = nil
        var end: String? = nil
        var version = 1
    }
    struct IndicatorRow: Sendable, Equatable {
        var code, service, couloir, label, target, source, photo: String
        var status: Progress.Status
    }

    struct Model: Sendable, Equatable {
        var code: String
        var title: String
        var objective: String
        var territory: Territory
        var at: Day
        var objectivesText: String
        var levers: String
        var obstacles: String
        var contacts: String
        var actions: [Action]
        var semesters: [Period]
        /// "<action>|<period>" → 1…3
        var calendar: [String: Int]
        var organisations: [(code: String, name: String)]
        /// "<action>|<kind>|<party>" → R, A, C or I
        var raci: [String: String]
        var indicators: [IndicatorRow]
        var message: String?
        var error: String?
        /// The fiche's version when the page was built: its forms send it back (optimistic locking).
        var version = 1
        /// Its own audit trail, most recent first.
        var history: [AuditQuery.Event] = []

        static func == (a: Model, b: Model) -> Bool {
            a.code == b.code && a.title == b.title && a.actions == b.actions && a.calendar == b.calendar
                && a.raci == b.raci
                && a.indicators == b.indicators && a.organisations.map(\.code) == b.organisations.map(\.code)
                && a.objectivesText == b.objectivesText
        }
    }
}
