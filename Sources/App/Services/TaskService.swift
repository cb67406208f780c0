import Foundation
import JalonCore
import SQLKit

/// Tasks of the roadmap's board: created "à faire", then moved between the four columns.
/// Runs in the caller's transaction; every write is audited.
enum TaskService {
    static let maxTitle = 300
    static let maxAssignee = 200

    struct Input: Sendable, Equatable {
        var title: String
        var assignee: String
        /// `31/12/2022`, `2022-12-31`, `fin 2022`, `T3 2023`… or empty.
        var due: String
        /// An action id of the roadmap, or empty.
        var action: String
        /// The territory the task belongs to (a département, a TAN…), or empty for a regional task:
        /// an animateur creates and moves the tasks of his territories only.
        var territory: String = ""
        /// The roadmap's code; the current roadmap when nil.
        var roadmap: String? = nil
    }

    /// A task is late when its due date has passed and it is not done.
    static func isLate(due: Day?, status: TaskStatus, today: Day) -> Bool {
        guard let due, status != .done else { return false }
        return due < today
    }

    @discardableResult
    static func create(_ input: Input, on db: any SQLDatabase, actor: Actor) async throws -> UUID {
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw ServiceError.invalid("Le titre de la tâche est obligatoire.") }
        guard title.count <= maxTitle else {
            throw ServiceError.invalid("Le titre de la tâche dépasse \(maxTitle) caractères.")
        }
        let assignee = input.assignee.trimmingCharacters(in: .whitespacesAndNewlines)
        guard assignee.count <= maxAssignee else {
            throw ServiceError.invalid("Le nom du responsable dépasse \(maxAssignee) caractères.")
        }
        let dueRaw = input.due.trimmingCharacters(in: .whitespaces)
        var due: Day?
        if !dueRaw.isEmpty {
            guard let parsed = Milestone.parse(dueRaw) else {
                throw ServiceError.invalid(
                    "Échéance illisible « \(dueRaw.prefix(40)) » (ex. 31/12/2022, 2022-12-31, fin 2022, T3 2023).")
            }
            try ServiceError.checkYear(parsed, raw: dueRaw, label: "Échéance", field: "echeance")
            due = parsed
        }
        let territory = try await DirectoryService.territories([input.territory], on: db).first
        try await actor.authorize(.tasks, territories: territory.map { [$0] } ?? [], on: db)
        struct IDRow: Decodable { var id: UUID }
        guard let roadmap = try await RoadmapQuery.chosen(input.roadmap?.nilIfEmpty, today: Day.today(), on: db) else {
            throw ServiceError.invalid(
                "Aucune feuille de route : créez-en une d'abord (jalon roadmap template feuille-de-route-2023-2027).")
        }
        let actionRaw = input.action.trimmingCharacters(in: .whitespaces)
        var action: UUID?
        if !actionRaw.isEmpty {
            let unknown = ServiceError.invalid("Action inconnue « \(actionRaw.prefix(40)) ».")
            guard let id = UUID(uuidString: actionRaw) else { throw unknown }
            let found = try await db.raw(
                """
                SELECT a.id FROM actions a JOIN fiches f ON f.id = a.fiche_id
                WHERE a.id = \(bind: id) AND f.roadmap_id = \(bind: roadmap.id)
                """
            ).first(decoding: IDRow.self)
            guard found != nil else { throw unknown }
            action = id
        }
        let id = UUID()
        let now = Date()
        try await db.insert(into: "tasks")
            .columns(
                "id", "roadmap_id", "action_id", "title", "assignee", "due_on", "status", "territory_code",
                "created_at", "updated_at"
            )
            .values(
                SQLBind(id), SQLBind(roadmap.id), SQLBind(action), SQLBind(title), SQLBind(assignee), SQLBind(due?.iso),
                SQLBind(TaskStatus.todo.rawValue), SQLBind(territory), SQLBind(now), SQLBind(now)
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "task", objectID: id.uuidString,
            summary: "Tâche créée : \(title.prefix(120))",
            details: [
                "responsable": assignee, "echeance": due?.iso ?? "", "action": action?.uuidString ?? "",
                "territoire": territory ?? ""
            ])
        return id
    }

    /// Moves a task to another column; returns whether its status changed.
    @discardableResult
    static func setStatus(id: UUID, status raw: String, version: Int? = nil, on db: any SQLDatabase, actor: Actor)
        async throws -> Bool
    {
        guard let status = TaskStatus(rawValue: raw.trimmingCharacters(in: .whitespaces)) else {
            throw ServiceError.invalid("Statut inconnu « \(raw.prefix(20)) » (à faire, en cours, bloqué ou fait).")
        }
        struct TaskRow: Decodable {
            var title: String
            var status: String
            var territoryCode: String?
        }
        guard
            let task = try await db.select().columns("title", "status", "territory_code").from("tasks").where(
                "id", .equal, id
            ).first(decoding: TaskRow.self, with: .snakeCase)
        else {
            throw ServiceError.notFound("Tâche inconnue.")
        }
        try await actor.authorize(.tasks, territories: task.territoryCode.map { [$0] } ?? [], on: db)
        try await OptimisticVersion.bump(
            "tasks", id: id, expected: version, label: "La tâche « \(task.title.prefix(80)) »", on: db)
        guard task.status != status.rawValue else { return false }
        try await db.update("tasks").set("status", to: status.rawValue).set("updated_at", to: Date()).where(
            "id", .equal, id
        ).run()
        let before = TaskStatus(rawValue: task.status)?.label ?? task.status
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "task", objectID: id.uuidString,
            summary: "Tâche « \(task.title.prefix(120)) » : \(before) → \(status.label)",
            details: ["statut": "« \(before) » → « \(status.label) »"])
        return true
    }
}
