import JalonCore

/// The task board: four columns (à faire, en cours, bloqué, fait), a creation form, a filter by assignee.
enum TaskIndex {
    struct Card: Sendable, Equatable {
        var id: String
        var title: String
        var assignee: String
        /// ISO date, or nil when the task has no due date.
        var due: String?
        var status: TaskStatus
        var action: String?
        var late: Bool
        var version = 1
        /// The territory whose animateurs may move it; nil for a regional task.
        var territory: String? = nil
        /// The committee decision the task came from.
        var decision: DecisionLink? = nil
    }

    struct DecisionLink: Sendable, Equatable {
        var meeting, committee, day: String
    }

    struct Column: Sendable, Equatable {
        var status: TaskStatus
        var cards: [Card]
    }

    struct ActionOption: Sendable, Equatable {
        var id: String
        var label: String
    }

    struct Form: Sendable, Equatable {
        var title = "", assignee = "", due = "", action = "", territory = ""
    }

    struct Model: Sendable, Equatable {
        /// The roadmap's name; nil when there is none yet (no board, no form).
        var roadmap: String?
        var columns: [Column]
        var actions: [ActionOption] = []
        var assignees: [String] = []
        var filter: String?
        var form = Form()
        var message: String?
        var error: String?
        /// The latest changes of the board's tasks (creation, moves), from the audit trail.
        var history: [AuditEvent] = []

        var lateCount: Int { columns.reduce(0) { $0 + $1.cards.filter(\.late).count } }
    }

    /// The board's path.
    static var path: String { SiteURL.tasks.path }

    static func path(filter: String?, ok: String? = nil) -> String {
        let query = [("responsable", filter), ("ok", ok)].compactMap { name, value in
            value.flatMap { $0.isEmpty ? nil : "\(name)=\(SiteURL.escape($0))" }
        }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    static func statusPath(_ id: String) -> String { path + "/" + SiteURL.escape(id) + "/statut" }
}
