import JalonCore

/// A "fiche synthèse" in the Nouvelle-Aquitaine layout, printable.
enum FicheShow {
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
        /// `national`, or `complementaire` for the "Indicateurs régionaux complémentaires" table.
        var role = "national"
    }

    /// A row of the RACI matrix: an action, for one audience ("" for every audience).
    struct RACIRow: Sendable, Equatable {
        var actionID: String
        var actionNumber: Int
        var actionTitle: String
        var audience: String
    }

    struct Model: Sendable, Equatable {
        var roadmap: Roadmap
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
        /// "<action>|<organisation>|<audience>" → roles ("A/R"), see `FicheService.raciKey`.
        var raci: [String: String]
        /// The rows of the RACI matrix: an action for every audience, or for one.
        var raciRows: [RACIRow] = []
        var indicators: [IndicatorRow]
        /// Indicators that can still be attached (code, label): national, regional, computed or from a profile.
        var attachable: [(code: String, label: String)] = []
        var message: String?
        var error: String?
        /// The fiche's version when the page was built: its forms send it back (optimistic locking).
        var version = 1
        /// Its own audit trail, most recent first.
        var history: [AuditEvent] = []

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.code == rhs.code && lhs.title == rhs.title && lhs.actions == rhs.actions && lhs.calendar == rhs.calendar
                && lhs.raci == rhs.raci && lhs.raciRows == rhs.raciRows
                && lhs.indicators == rhs.indicators && lhs.organisations.map(\.code) == rhs.organisations.map(\.code)
                && lhs.objectivesText == rhs.objectivesText
        }
    }
}
