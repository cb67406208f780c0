import Foundation
import JalonCore
import SQLKit

extension TasksPage {
    /// The first roadmap's tasks, by column; `today` decides which are late.
    static func query(filter: String?, today: Day, on db: any SQLDatabase) async throws -> Model {
        let filter = filter?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        struct R: Decodable {
            var id: UUID
            var name: String
        }
        guard
            let roadmap = try await db.select().columns("id", "name").from("roadmaps").orderBy("created_at").first(
                decoding: R.self)
        else {
            return Model(
                roadmap: nil, columns: TaskService.Status.allCases.map { Column(status: $0, cards: []) }, filter: filter
            )
        }
        struct T: Decodable {
            var id: UUID
            var title, assignee, status: String
            var due_on, action_title, territory_code: String?
            var version: Int
        }
        var sql: SQLQueryString = """
            SELECT t.id, t.title, t.assignee, t.status, t.due_on, a.title AS action_title, t.version, t.territory_code
            FROM tasks t LEFT JOIN actions a ON a.id = t.action_id
            WHERE t.roadmap_id = \(bind: roadmap.id)
            """
        if let filter { sql += " AND t.assignee = \(bind: filter)" }
        let rows = try await db.raw(sql).all(decoding: T.self)
        let cards = rows.map { t in
            let status = TaskService.Status(rawValue: t.status) ?? .todo
            return Card(
                id: t.id.uuidString.lowercased(), title: t.title, assignee: t.assignee, due: t.due_on, status: status,
                action: t.action_title,
                late: TaskService.isLate(due: t.due_on.flatMap { Day(iso: $0) }, status: status, today: today),
                version: t.version, territory: t.territory_code)
        }
        // Earliest due date first, tasks without one last; sorted here because SQLite and PostgreSQL order NULLs differently.
        .sorted { ($0.due ?? "9999", $0.title, $0.id) < ($1.due ?? "9999", $1.title, $1.id) }

        struct A: Decodable {
            var id: UUID
            var number: Int
            var title, code: String
        }
        let actions = try await db.raw(
            """
            SELECT a.id, a.number, a.title, f.code FROM actions a JOIN fiches f ON f.id = a.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) ORDER BY f.sort, a.number
            """
        ).all(decoding: A.self)
        struct P: Decodable { var assignee: String }
        let assignees = try await db.raw(
            "SELECT DISTINCT assignee FROM tasks WHERE roadmap_id = \(bind: roadmap.id) AND assignee <> ''"
        )
        .all(decoding: P.self).map(\.assignee).sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        return Model(
            roadmap: roadmap.name,
            columns: TaskService.Status.allCases.map { s in Column(status: s, cards: cards.filter { $0.status == s }) },
            actions: actions.map {
                ActionOption(id: $0.id.uuidString.lowercased(), label: "\($0.code) · \($0.number). \($0.title)")
            },
            assignees: assignees, filter: filter,
            // The moves of the tasks on the board (of the filtered assignee's, when filtered).
            history: try await AuditQuery.history(
                [.objects(type: "task", ids: rows.map(\.id.uuidString))], limit: 30, on: db))
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
