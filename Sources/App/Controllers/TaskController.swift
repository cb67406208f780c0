import Foundation
import JalonCore
import Vapor

/// The task board: plain HTML forms (create, move), POST → 303 back to the board, or the board again
/// with the error.
enum TaskController {
    struct CreateForm: Content {
        var title: String?
        var assignee: String?
        var due: String?
        var action: String?
        var territory: String?
    }

    struct MoveForm: Content {
        var status: String?
        /// The board's filter, kept across the move.
        var responsable: String?
        var version: Int?
    }

    @Sendable static func board(req: Request) async throws -> Response {
        var model = try await TaskIndex.query(
            filter: try? req.query.get(String.self, at: "responsable"), today: Day.today(),
            roadmap: req.queryText("feuille"), on: req.sql)
        switch try? req.query.get(String.self, at: "ok") {
        case "creee": model.message = "Tâche créée."
        case "deplacee": model.message = "Tâche déplacée."
        default: break
        }
        return .html(TaskIndex.render(model))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(CreateForm.self)
        let input = TaskService.Input(
            title: form.title ?? "", assignee: form.assignee ?? "", due: form.due ?? "", action: form.action ?? "",
            territory: form.territory ?? "")
        do {
            try await req.db.sqlTransaction { db in _ = try await TaskService.create(input, on: db, actor: req.actor) }
            return .seeOther(TaskIndex.path(filter: nil, ok: "creee"))
        } catch let error as ServiceError {
            var model = try await TaskIndex.query(filter: nil, today: Day.today(), on: req.sql)
            model.form = .init(
                title: input.title, assignee: input.assignee, due: input.due, action: input.action,
                territory: input.territory)
            model.error = error.message
            return .html(TaskIndex.render(model), status: error.status)
        }
    }

    @Sendable static func move(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw ServiceError.notFound("Tâche inconnue.")
        }
        let form = try req.content.decode(MoveForm.self)
        let filter = form.responsable?.trimmingCharacters(in: .whitespaces)
        do {
            try await req.db.sqlTransaction { db in
                _ = try await TaskService.setStatus(
                    id: id, status: form.status ?? "", version: form.version, on: db, actor: req.actor)
            }
            return .seeOther(TaskIndex.path(filter: filter, ok: "deplacee") + "#tache-\(id.uuidString.lowercased())")
        } catch let error as ServiceError {
            var model = try await TaskIndex.query(filter: filter, today: Day.today(), on: req.sql)
            model.error = error.message
            return .html(TaskIndex.render(model), status: error.status)
        }
    }
}
