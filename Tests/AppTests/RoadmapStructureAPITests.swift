import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// The roadmap's structure edited through the API, as the management page edits it: partial bodies,
/// `null` clearing a field, the version answered and checked, French refusals.
@Suite struct RoadmapStructureAPITests {
    static let roadmap = "feuille-de-route-2023-2027-r32"

    /// The 2023–2027 template written for the région, and a pilote's credentials.
    static func seeded(_ db: TestDB, _ body: (Application, Credentials) async throws -> Void) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("feuille-de-route-2023-2027", region: "R32", on: db, actor: .system)
            }
            try await body(app, try await app.signIn(.pilote))
        }
    }

    /// A JSON request and its answer, decoded.
    static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, _ json: String, as who: Credentials
    ) async throws -> (status: HTTPStatus, body: [String: Any]) {
        let r = try await app.send(
            method, path, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: json), as: who)
        let body = try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any] ?? [:]
        return (r.status, body)
    }

    static func document(_ app: Application) async throws -> RoadmapDocument {
        let plan = try #require(try await RoadmapQuery.find(code: roadmap, on: app.sql))
        return try await RoadmapDocumentService.document(plan, on: app.sql)
    }

    static func version(_ app: Application) async throws -> Int {
        try #require(try await RoadmapQuery.find(code: roadmap, on: app.sql)).version
    }

    @Test(arguments: TestDB.all)
    func objectivesAreRenumberedRetitledAndReprioritisedByPartialBodies(db: TestDB) async throws {
        try await Self.seeded(db) { app, pilote in
            // setup
            let path = "/api/roadmaps/\(Self.roadmap)/objectives"
            let before = try await Self.version(app)
            let title = try #require(try await Self.document(app).objectives.first { $0.number == 6 }).title
            // act: renumbered with a priority, the title left out; then the priority cleared by null
            let renumbered = try await Self.send(
                app, .PATCH, "\(path)/6", #"{"number": 7, "priority": 3, "version": \#(before)}"#, as: pilote)
            let cleared = try await Self.send(app, .PATCH, "\(path)/7", #"{"priority": null}"#, as: pilote)
            let retitled = try await Self.send(app, .PATCH, "\(path)/7", #"{"title": "  Inclusion  "}"#, as: pilote)
            // check: each answers the summary with the new version; the fields left out kept their value
            #expect(renumbered.status == .ok, "\(renumbered.body)")
            #expect(renumbered.body["code"] as? String == Self.roadmap)
            #expect(renumbered.body["version"] as? Int == before + 1)
            #expect(cleared.body["version"] as? Int == before + 2 && retitled.body["version"] as? Int == before + 3)
            let objectives = try await Self.document(app).objectives
            #expect(!objectives.contains { $0.number == 6 })
            let seven = try #require(objectives.first { $0.number == 7 })
            #expect(seven.title == "Inclusion" && seven.priority == nil)
            #expect(title != "Inclusion")
            #expect(
                try await app.count(
                    "audit_events", where: "object_id = \(bind: Self.roadmap) AND summary = 'Objectif 6 modifié'")
                    == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func staleVersionsTakenNumbersAndBadValuesAreRefusedInFrench(db: TestDB) async throws {
        try await Self.seeded(db) { app, pilote in
            // setup
            let path = "/api/roadmaps/\(Self.roadmap)"
            let current = try await Self.version(app)
            _ = try await Self.send(app, .PATCH, "\(path)/objectives/6", #"{"priority": 2}"#, as: pilote)
            // act
            let stale = try await Self.send(
                app, .PATCH, "\(path)/objectives/6", #"{"title": "Plus tard", "version": \#(current)}"#, as: pilote)
            let taken = try await Self.send(app, .PATCH, "\(path)/objectives/6", #"{"number": 1}"#, as: pilote)
            let outOfRange = try await Self.send(app, .PATCH, "\(path)/objectives/6", #"{"number": 100}"#, as: pilote)
            let unknown = try await Self.send(app, .PATCH, "\(path)/objectives/42", "{}", as: pilote)
            let notANumber = try await Self.send(app, .PATCH, "\(path)/objectives/six", "{}", as: pilote)
            let unreadable = try await Self.send(
                app, .PATCH, "\(path)/objectives/6", #"{"number": "sept"}"#, as: pilote)
            let unknownRoadmap = try await Self.send(
                app, .PATCH, "/api/roadmaps/inconnue/objectives/6", "{}", as: pilote)
            let reader = try await Self.send(
                app, .PATCH, "\(path)/objectives/6", #"{"priority": 1}"#, as: try await app.signIn(.lecteur))
            // check
            func error(_ answer: (status: HTTPStatus, body: [String: Any])) -> String {
                answer.body["error"] as? String ?? ""
            }
            #expect(stale.status == .conflict && error(stale).contains("modifié(e) par quelqu'un d'autre"))
            #expect(taken.status == .conflict && error(taken) == "L'objectif 1 existe déjà.")
            #expect(outOfRange.status == .unprocessableEntity && error(outOfRange).contains("hors de 1 à 99"))
            #expect(unknown.status == .notFound && error(unknown) == "Objectif 42 inconnu.")
            #expect(notANumber.status == .notFound && error(notANumber).contains("Objectif « six » inconnu"))
            #expect(unreadable.status == .badRequest && error(unreadable).hasPrefix("Corps de requête illisible"))
            #expect(unknownRoadmap.status == .notFound && error(unknownRoadmap).contains("Feuille de route inconnue"))
            #expect(reader.status == .forbidden && error(reader).contains("Accès refusé"))
            let six = try #require(try await Self.document(app).objectives.first { $0.number == 6 })
            #expect(six.priority == 2 && six.title != "Plus tard")
            #expect(try await Self.version(app) == current + 1)
        }
    }

    @Test(arguments: TestDB.all)
    func fichesAreRetitledGivenAServiceOrAnObjectiveAndMoved(db: TestDB) async throws {
        try await Self.seeded(db) { app, pilote in
            // setup
            let path = "/api/roadmaps/\(Self.roadmap)/fiches"
            let order = try await Self.document(app).fiches.map(\.code)
            let second = order[1]
            // act: service cleared and objective changed, title left out; then the title alone; then moved up
            let regrouped = try await Self.send(
                app, .PATCH, "\(path)/\(second)",
                #"{"service": null, "objective": 2, "version": \#(try await Self.version(app))}"#, as: pilote)
            let retitled = try await Self.send(
                app, .PATCH, "\(path)/\(second)", #"{"title": "Messagerie sécurisée"}"#, as: pilote)
            let moved = try await Self.send(
                app, .POST, "\(path)/\(second)/move",
                #"{"direction": "up", "version": \#(try await Self.version(app))}"#, as: pilote)
            let movedBack = try await Self.send(
                app, .POST, "\(path)/\(second)/move", #"{"direction": "bas"}"#, as: pilote)
            let movedAgain = try await Self.send(
                app, .POST, "\(path)/\(second)/move", #"{"direction": "up"}"#, as: pilote)
            // check
            #expect([regrouped.status, retitled.status, moved.status, movedBack.status].allSatisfy { $0 == .ok })
            #expect(movedAgain.body["version"] as? Int == (try await Self.version(app)))
            let document = try await Self.document(app)
            let fiche = try #require(document.fiches.first)
            #expect(fiche.code == second && document.fiches[1].code == order[0])
            #expect(fiche.title == "Messagerie sécurisée" && fiche.service == nil && fiche.objective == 2)
            #expect(document.fiches.map(\.code).sorted() == order.sorted())
            #expect(
                try await app.count(
                    "audit_events", where: "object_id = \(bind: Self.roadmap) AND summary LIKE '%déplacée%'")
                    == 3)
            // act: refusals
            let stale = try await Self.send(
                app, .POST, "\(path)/\(order[0])/move", #"{"direction": "down", "version": 1}"#, as: pilote)
            let first = try await Self.send(app, .POST, "\(path)/\(second)/move", #"{"direction": "up"}"#, as: pilote)
            let sideways = try await Self.send(
                app, .POST, "\(path)/\(second)/move", #"{"direction": "gauche"}"#, as: pilote)
            let noDirection = try await Self.send(app, .POST, "\(path)/\(second)/move", "{}", as: pilote)
            let unknownObjective = try await Self.send(
                app, .PATCH, "\(path)/\(second)", #"{"objective": 42}"#, as: pilote)
            let emptyTitle = try await Self.send(app, .PATCH, "\(path)/\(second)", #"{"title": " "}"#, as: pilote)
            let unknownFiche = try await Self.send(app, .PATCH, "\(path)/NOPE", #"{"title": "X"}"#, as: pilote)
            // check
            func error(_ answer: (status: HTTPStatus, body: [String: Any])) -> String {
                answer.body["error"] as? String ?? ""
            }
            #expect(stale.status == .conflict && error(stale).contains("modifié(e) par quelqu'un d'autre"))
            #expect(first.status == .unprocessableEntity && error(first).contains("est déjà la première"))
            #expect(
                sideways.status == .unprocessableEntity && error(sideways).contains("Sens de déplacement « gauche »"))
            #expect(noDirection.status == .badRequest && error(noDirection).hasPrefix("Corps de requête illisible"))
            #expect(
                unknownObjective.status == .unprocessableEntity && error(unknownObjective) == "Objectif 42 inconnu.")
            #expect(emptyTitle.status == .unprocessableEntity && error(emptyTitle).contains("Donnez un titre"))
            #expect(unknownFiche.status == .notFound && error(unknownFiche).contains("Fiche inconnue « NOPE »"))
            #expect(try await Self.document(app).fiches.map(\.code) == document.fiches.map(\.code))
        }
    }
}
