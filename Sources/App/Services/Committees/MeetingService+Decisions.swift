import Foundation
import JalonCore
import SQLKit

/// Decisions and points of attention: each decision has a text, an owner, a due date and a status, and
/// becomes a task of the board in one step; the next meetings of the committee list those still open.
extension MeetingService {
    struct DecisionInput: Sendable, Equatable {
        var text: String
        var owner: String = ""
        /// `31/03/2027`, `2027-03-31`, `fin 2027`… or empty.
        var due: String = ""
        var subject: Subject? = nil
    }

    @discardableResult
    static func addDecision(_ id: UUID, _ input: DecisionInput, on db: any SQLDatabase, actor: Actor) async throws
        -> UUID
    {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        let text = input.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 1_000 else {
            throw ServiceError.invalid("Écrivez la décision (1 000 caractères au plus).", field: "text")
        }
        let owner = input.owner.trimmedSpaces
        guard owner.count <= 200 else { throw ServiceError.invalid("Responsable : 200 caractères au plus.") }
        var due: Day?
        if !input.due.trimmedSpaces.isEmpty {
            guard let parsed = Milestone.parse(input.due) else {
                throw ServiceError.invalid(
                    "Échéance illisible « \(input.due.prefix(30)) » (ex. 31/03/2027, fin 2027).", field: "due")
            }
            try ServiceError.checkYear(parsed, raw: input.due, label: "Échéance", field: "due")
            due = parsed
        }
        let decision = UUID()
        try await db.insert(into: "decisions")
            .columns("id", "meeting_id", "text", "owner", "due_on", "link_kind", "link_code", "status", "created_at")
            .values(
                SQLBind(decision), SQLBind(id), SQLBind(text), SQLBind(owner), SQLBind(due?.iso),
                SQLBind(input.subject?.kind.rawValue ?? ""), SQLBind(input.subject?.code ?? ""),
                SQLBind(DecisionStatus.open.rawValue), SQLBind(Date())
            ).run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "decision", objectID: decision.uuidString.lowercased(),
            summary:
                "Décision du comité « \(committee.name) » du \(Format.date(iso: meeting.day)) : \(text.prefix(120))",
            details: ["responsable": owner, "echeance": due?.iso ?? ""])
        return decision
    }

    struct StoredDecision: Decodable, Sendable, Equatable {
        var id: UUID
        var meetingID: UUID
        var text, owner, status: String
        var dueOn: String?
        var taskID: UUID?
    }

    static func decision(_ id: UUID, on db: any SQLDatabase) async throws -> StoredDecision {
        guard
            let found = try await db.select().columns(
                "id", "meeting_id", "text", "owner", "status", "due_on", "task_id"
            )
            .from("decisions").where("id", .equal, id).first(decoding: StoredDecision.self, with: .snakeCase)
        else { throw ServiceError.notFound("Décision inconnue.") }
        return found
    }

    static func setDecisionStatus(_ id: UUID, status raw: String, on db: any SQLDatabase, actor: Actor) async throws {
        let decision = try await decision(id, on: db)
        _ = try await writable(decision.meetingID, on: db, actor: actor)
        guard let status = DecisionStatus(rawValue: raw) else {
            throw ServiceError.invalid("Statut de décision inconnu « \(raw.prefix(20)) ».", field: "status")
        }
        guard status.rawValue != decision.status else { return }
        try await db.update("decisions").set("status", to: status.rawValue).where("id", .equal, id).run()
        var changes = FieldChanges()
        changes.compare("statut", DecisionStatus(rawValue: decision.status)?.label, status.label)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "decision", objectID: id.uuidString.lowercased(),
            summary: "Décision « \(decision.text.prefix(80)) » : \(status.label.lowercased())", changes: changes)
    }

    /// The task of the board the decision became, created once: its title, owner and due date, in the
    /// committee's territory. The decision keeps the task, the task's trail names the decision.
    @discardableResult
    static func turnIntoTask(_ id: UUID, on db: any SQLDatabase, actor: Actor) async throws -> UUID {
        let decision = try await decision(id, on: db)
        let (_, committee) = try await writable(decision.meetingID, on: db, actor: actor)
        if let task = decision.taskID { return task }
        let task = try await TaskService.create(
            .init(
                title: String(decision.text.prefix(TaskService.maxTitle)), assignee: decision.owner,
                due: decision.dueOn ?? "", action: "", territory: committee.territoryCode ?? ""),
            on: db, actor: actor)
        try await db.update("decisions").set("task_id", to: task).where("id", .equal, id).run()
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "decision", objectID: id.uuidString.lowercased(),
            summary: "Décision « \(decision.text.prefix(80)) » devenue une tâche du tableau",
            details: ["tache": task.uuidString.lowercased(), "comite": committee.code])
        return task
    }
}
