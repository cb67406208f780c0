import Foundation
import JalonCore
import SQLKit

extension TaskIndex {
    /// The tasks of the roadmap asked for (the current one by default), by column; `today` decides
    /// which are late.
    static func query(filter: String?, today: Day, roadmap asked: String? = nil, on db: any SQLDatabase) async throws
        -> Model
    {
        let filter = filter?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        guard let roadmap = try await RoadmapQuery.chosen(asked, today: today, on: db) else {
            return Model(
                roadmap: nil, columns: TaskStatus.allCases.map { Column(status: $0, cards: []) }, filter: filter
            )
        }
        struct TaskRow: Decodable {
            var id: UUID
            var title, assignee, status: String
            var dueOn, actionTitle, territoryCode: String?
            var version: Int
            var meetingID: UUID?
            var meetingDay, committeeName: String?
        }
        // A task a decision became names its meeting: the link is kept both ways.
        var sql: SQLQueryString = """
            SELECT t.id, t.title, t.assignee, t.status, t.due_on, a.title AS action_title, t.version, t.territory_code,
                   m.id AS meeting_id, m.day AS meeting_day, c.name AS committee_name
            FROM tasks t LEFT JOIN actions a ON a.id = t.action_id
            LEFT JOIN decisions d ON d.task_id = t.id LEFT JOIN meetings m ON m.id = d.meeting_id
            LEFT JOIN committees c ON c.id = m.committee_id
            WHERE t.roadmap_id = \(bind: roadmap.id)
            """
        if let filter { sql += " AND t.assignee = \(bind: filter)" }
        let rows = try await db.raw(sql).all(decoding: TaskRow.self, with: .snakeCase)
        let cards = rows.map { task in
            let status = TaskStatus(rawValue: task.status) ?? .todo
            return Card(
                id: task.id.uuidString.lowercased(), title: task.title, assignee: task.assignee, due: task.dueOn,
                status: status, action: task.actionTitle,
                late: TaskService.isLate(due: task.dueOn.flatMap { Day(iso: $0) }, status: status, today: today),
                version: task.version, territory: task.territoryCode,
                decision: task.meetingID.map { meeting in
                    DecisionLink(
                        meeting: meeting.uuidString.lowercased(), committee: task.committeeName ?? "",
                        day: task.meetingDay ?? "")
                })
        }
        // Earliest due date first, tasks without one last; sorted here because SQLite and PostgreSQL order NULLs
        // differently.
        .sorted { ($0.due ?? "9999", $0.title, $0.id) < ($1.due ?? "9999", $1.title, $1.id) }

        struct ActionRow: Decodable {
            var id: UUID
            var number: Int
            var title, code: String
        }
        let actions = try await db.raw(
            """
            SELECT a.id, a.number, a.title, f.code FROM actions a JOIN fiches f ON f.id = a.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) ORDER BY f.sort, a.number
            """
        ).all(decoding: ActionRow.self)
        struct AssigneeRow: Decodable { var assignee: String }
        let assignees = try await db.raw(
            "SELECT DISTINCT assignee FROM tasks WHERE roadmap_id = \(bind: roadmap.id) AND assignee <> ''"
        )
        .all(decoding: AssigneeRow.self).map(\.assignee).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        return Model(
            roadmap: roadmap.name,
            columns: TaskStatus.allCases.map { status in
                Column(status: status, cards: cards.filter { $0.status == status })
            },
            actions: actions.map {
                ActionOption(id: $0.id.uuidString.lowercased(), label: "\($0.code) · \($0.number). \($0.title)")
            },
            assignees: assignees, filter: filter,
            // The moves of the tasks on the board (of the filtered assignee's, when filtered).
            history: try await AuditQuery.history(
                [.objects(type: "task", ids: rows.map(\.id.uuidString))], limit: 30, on: db))
    }
}
