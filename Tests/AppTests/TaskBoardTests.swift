import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

@Suite(.serialized) struct TaskBoardTests {
    /// Registers the board's routes on the test app unless `routes.swift` already does.
    static func registerRoutes(_ app: Application) {
        func has(_ method: HTTPMethod, _ path: String) -> Bool {
            app.routes.all.contains { r in
                r.method == method
                    && r.path.map { if case .parameter = $0 { ":" } else { $0.description } }.joined(separator: "/")
                        == path
            }
        }
        if !has(.GET, "taches") { app.get("taches", use: TaskController.board) }
        if !has(.POST, "taches") { app.post("taches", use: TaskController.create) }
        if !has(.POST, "taches/:/statut") { app.post("taches", ":id", "statut", use: TaskController.move) }
    }

    static func withBoard(_ db: TestDB, roadmap: Bool = true, _ body: (Application) async throws -> Void) async throws {
        try await db.withApp { app in
            registerRoutes(app)
            _ = try await app.loadFixtureGeography()
            if roadmap {
                try await app.createRoadmap()
            }
            try await body(app)
        }
    }

    /// The HTML of one column of the board.
    static func column(_ body: String, _ status: String) -> String {
        guard let start = body.range(of: "id=\"colonne-\(status)\"") else { return "" }
        let rest = body[start.upperBound...]
        let end = rest.range(of: "id=\"colonne-")?.lowerBound ?? rest.range(of: "</main>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func taskID(_ app: Application, _ title: String) async throws -> String {
        struct R: Decodable { var id: UUID }
        let r = try #require(
            try await app.sql.select().column("id").from("tasks").where("title", .equal, title).first(decoding: R.self))
        return r.id.uuidString.lowercased()
    }

    static func taskAudits(_ app: Application) async throws -> Int {
        try await app.count("audit_events", where: "object_type = 'task'")
    }

    @Test(arguments: TestDB.all)
    func createdTaskAppearsInToDoThenMovesToBlocked(db: TestDB) async throws {
        try await Self.withBoard(db) { app in
            // setup: an action of the roadmap
            struct A: Decodable {
                var id: UUID
                var title: String
            }
            let action = try #require(
                try await app.sql.raw("SELECT a.id, a.title FROM actions a ORDER BY a.title").first(decoding: A.self))

            // act: create through the form, as a browser without JavaScript does
            let created = try await app.post(
                "/taches",
                form: [
                    ("title", "Former les secrétariats"), ("assignee", "Claire Dupont"),
                    ("due", "31/12/2099"), ("action", action.id.uuidString.lowercased())
                ])
            #expect(created.status == .seeOther)
            #expect(created.headers.first(name: .location) == "/taches?ok=creee")

            // check: in "À faire" with its assignee, French due date and action
            let board = try await app.get("/taches?ok=creee")
            #expect(board.status == .ok)
            #expect(board.body.contains("Tâche créée."))
            let todo = Self.column(board.body, "a_faire")
            #expect(todo.contains("Former les secrétariats"))
            #expect(todo.contains("Claire Dupont"))
            #expect(todo.contains("31 décembre 2099"))
            #expect(todo.contains(HTMLEscape.text(action.title)))
            #expect(todo.contains(">1</span>"))
            #expect(!todo.contains(">En retard<"))
            #expect(Self.column(board.body, "bloque").contains("Aucune tâche."))

            // act: move it to "bloqué"
            let id = try await Self.taskID(app, "Former les secrétariats")
            let moved = try await app.post("/taches/\(id)/statut", form: [("status", "bloque")])
            #expect(moved.status == .seeOther)
            #expect(moved.headers.first(name: .location) == "/taches?ok=deplacee#tache-\(id)")

            // check
            let after = try await app.get("/taches")
            #expect(Self.column(after.body, "bloque").contains("Former les secrétariats"))
            #expect(!Self.column(after.body, "a_faire").contains("Former les secrétariats"))
            #expect(try await Self.taskAudits(app) == 2)

            // Filtering by assignee keeps only that person's tasks, and a move keeps the filter.
            #expect(
                try await app.post(
                    "/taches",
                    form: [("title", "Relancer les éditeurs"), ("assignee", "Marc"), ("due", ""), ("action", "")]
                ).status == .seeOther)
            let claire = try await app.get("/taches?responsable=Claire%20Dupont")
            #expect(claire.body.contains("Former les secrétariats"))
            #expect(!claire.body.contains("Relancer les éditeurs"))
            #expect(try await app.get("/taches").body.contains("Relancer les éditeurs"))
            let kept = try await app.post(
                "/taches/\(id)/statut", form: [("status", "en_cours"), ("responsable", "Claire Dupont")])
            #expect(
                kept.headers.first(name: .location) == "/taches?responsable=Claire%20Dupont&ok=deplacee#tache-\(id)")
        }
    }

    @Test(arguments: TestDB.all)
    func lateTasksStandOutUnlessDone(db: TestDB) async throws {
        try await Self.withBoard(db) { app in
            // setup: one late task, one late but done, one due in the future
            for (title, due) in [
                ("Tâche oubliée", "01/01/2020"), ("Tâche terminée", "fin 2020"), ("Tâche à venir", "2099-06-30")
            ] {
                let form = [("title", title), ("assignee", "Équipe"), ("due", due)]
                #expect(try await app.post("/taches", form: form).status == .seeOther)
            }
            let done = try await Self.taskID(app, "Tâche terminée")
            #expect(try await app.post("/taches/\(done)/statut", form: [("status", "fait")]).status == .seeOther)

            // act
            let board = try await app.get("/taches").body

            // check: only the forgotten task is late
            #expect(board.components(separatedBy: ">En retard<").count - 1 == 1)
            #expect(board.components(separatedBy: "jalon-task--late").count - 1 == 1)
            let late = try await Self.taskID(app, "Tâche oubliée")
            let card = try #require(
                board.range(of: "id=\"tache-\(late)\"").map { String(board[$0.lowerBound...].prefix(1500)) })
            #expect(card.contains(">En retard<"))
            #expect(card.contains("1er janvier 2020"))
            #expect(!Self.column(board, "fait").contains("En retard"))
            #expect(Self.column(board, "fait").contains("31 décembre 2020"))
            #expect(board.contains("1 en retard"))
        }
    }

    @Test func lateIsDecidedAgainstTodayAndStatus() {
        let today = Day(2022, 6, 15)
        #expect(TaskService.isLate(due: Day(2022, 6, 14), status: .todo, today: today))
        #expect(TaskService.isLate(due: Day(2022, 6, 14), status: .blocked, today: today))
        #expect(!TaskService.isLate(due: Day(2022, 6, 15), status: .doing, today: today))
        #expect(!TaskService.isLate(due: Day(2022, 6, 14), status: .done, today: today))
        #expect(!TaskService.isLate(due: nil, status: .todo, today: today))
    }

    @Test(arguments: TestDB.all)
    func badInputsAreRefusedInFrenchAndWriteNothing(db: TestDB) async throws {
        try await Self.withBoard(db) { app in
            _ = try await app.signIn()
            let audits = try await app.count("audit_events")
            let cases: [([(String, String)], String)] = [
                ([("title", "  "), ("assignee", "Claire")], "Le titre de la tâche est obligatoire."),
                ([("title", String(repeating: "x", count: 301))], "Le titre de la tâche dépasse 300 caractères."),
                (
                    [("title", "Tâche"), ("assignee", String(repeating: "y", count: 201))],
                    "Le nom du responsable dépasse 200 caractères."
                ),
                ([("title", "Tâche"), ("action", UUID().uuidString)], "Action inconnue"),
                ([("title", "Tâche"), ("action", "action-12")], "Action inconnue « action-12 »"),
                ([("title", "Tâche"), ("due", "32/13/2022")], "Échéance illisible « 32/13/2022 »"),
                ([("title", "Tâche"), ("due", "bientôt")], "Échéance illisible « bientôt »")
            ]
            for (form, message) in cases {
                let r = try await app.post("/taches", form: form)
                #expect(r.status == .unprocessableEntity, "\(message)")
                #expect(r.body.contains(message), "\(message)")
            }
            // The refused form comes back filled in.
            let refused = try await app.post("/taches", form: [("title", "Garder ce titre"), ("due", "bientôt")])
            #expect(refused.body.contains("value=\"Garder ce titre\""))
            #expect(try await app.count("tasks") == 0)
            #expect(try await app.count("audit_events") == audits)

            // Moves: unknown status, unknown task.
            #expect(try await app.post("/taches", form: [("title", "Tâche réelle")]).status == .seeOther)
            let id = try await Self.taskID(app, "Tâche réelle")
            let audited = try await app.count("audit_events")
            let badStatus = try await app.post("/taches/\(id)/statut", form: [("status", "urgent")])
            #expect(badStatus.status == .unprocessableEntity)
            #expect(badStatus.body.contains("Statut inconnu « urgent »"))
            #expect(
                try await app.post("/taches/\(UUID().uuidString)/statut", form: [("status", "fait")]).status
                    == .notFound)
            #expect(try await app.post("/taches/pas-un-id/statut", form: [("status", "fait")]).status == .notFound)
            #expect(try await app.count("tasks", where: "status = 'a_faire'") == 1)
            #expect(try await app.count("audit_events") == audited)
        }
    }

    @Test(arguments: TestDB.all)
    func withoutRoadmapTheBoardSaysHowToStart(db: TestDB) async throws {
        try await Self.withBoard(db, roadmap: false) { app in
            let board = try await app.get("/taches")
            #expect(board.status == .ok)
            #expect(board.body.contains("jalon roadmap template segur-2021-2023"))
            let refused = try await app.post("/taches", form: [("title", "Tâche")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Aucune feuille de route"))
            #expect(try await app.count("tasks") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func hostileTitlesAndAssigneesAreEscaped(db: TestDB) async throws {
        try await Self.withBoard(db) { app in
            // setup
            let hostile = HostileInput.payloads.joined(separator: " ")
            for (i, assignee) in HostileInput.payloads.enumerated() {
                #expect(
                    try await app.post(
                        "/taches", form: [("title", "\(i) \(hostile)"), ("assignee", assignee), ("due", "01/01/2020")]
                    ).status == .seeOther)
            }
            let id = try await Self.taskID(app, "0 \(hostile)")
            let encoded = HostileInput.payloads[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

            // act + check: the board, filtered or not, and forms refused with hostile values
            for path in [
                "/taches", "/taches?responsable=\(encoded)",
                "/taches?responsable=\(hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                HostileInput.assertEscaped(page.body, path)
            }
            let board = try await app.get("/taches").body
            #expect(board.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(try await app.get("/taches?responsable=\(encoded)").body.contains("1 tâche"))
            let refused = try await app.post(
                "/taches", form: [("title", hostile), ("assignee", hostile), ("due", hostile), ("action", hostile)])
            #expect(refused.status == .unprocessableEntity)
            HostileInput.assertEscaped(refused.body, "formulaire refusé")
            let badMove = try await app.post(
                "/taches/\(id)/statut", form: [("status", hostile), ("responsable", hostile)])
            #expect(badMove.status == .unprocessableEntity)
            HostileInput.assertEscaped(badMove.body, "déplacement refusé")
            let moved = try await app.post("/taches/\(id)/statut", form: [("status", "fait"), ("responsable", hostile)])
            #expect(moved.status == .seeOther)
            #expect(!(moved.headers.first(name: .location) ?? "").contains("<"))
        }
    }
}
