import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Governance through the API: a committee and its meeting written as an integrator would, the refusals it
/// gets (French, naming the field, nothing half-written), and minutes published only once approved.
@Suite struct CommitteeAPITests {
    static func json(
        _ app: Application, _ method: HTTPMethod, _ path: String, _ body: String, as who: Credentials? = nil
    ) async throws -> (HTTPStatus, [String: Any]) {
        let response = try await app.send(
            method, path, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: body), as: who)
        let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
        return (response.status, object ?? [:])
    }

    /// A COTAN of the Nord with one member and one meeting, planned by its animateur.
    static func withCOTAN<T>(
        _ db: TestDB, _ body: (Application, String, Credentials) async throws -> T
    ) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app in
            // The task board a decision becomes a task of needs a roadmap.
            try await app.createRoadmap()
            _ = try await app.db.sqlTransaction { db in
                try await DirectoryService.createContact(
                    .init(firstName: "Camille", lastName: "Exemple", email: "Camille.Exemple@example.invalid"), on: db,
                    actor: .cli)
            }
            let animateur = try await app.signIn(.animateur, territories: ["D59"])
            let (created, committee) = try await json(
                app, .POST, "/api/committees",
                #"{"code":"cotan-nord","name":"COTAN Nord","kind":"cotan","frequency":"2 par an","territory":"D59","#
                    + #""agenda_template":[{"duration_minutes":20,"title":"Indicateurs","speakers":"ARS"}],"#
                    + #""members":[{"contact":"camille.exemple@example.invalid","role":"président"}]}"#,
                as: animateur)
            #expect(created == .created, "\(committee)")
            let members = (committee["members"] as? [[String: Any]]) ?? []
            #expect(members.map { $0["role"] as? String } == ["président"])
            let (planned, meeting) = try await json(
                app, .POST, "/api/committees/cotan-nord/meetings", #"{"day":"2027-04-13","place":"Lille"}"#,
                as: animateur)
            #expect(planned == .created)
            #expect(meeting["duration_minutes"] as? Int == 60, "at least an hour, the template's 20 min being less")
            #expect(meeting["status"] as? String == "planifiee")
            return try await body(app, try #require(meeting["id"] as? String), animateur)
        }
    }

    @Test(arguments: TestDB.all)
    func aMeetingIsHeldThroughTheAPI(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, meeting, animateur in
            let (agendaStatus, _) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/agenda",
                #"{"title":"Retours du terrain | bilan","duration_minutes":30,"subject_kind":"territoire","#
                    + #""subject_code":"D59"}"#, as: animateur)
            #expect(agendaStatus == .created)
            let (attendanceStatus, attendance) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/attendance",
                #"{"invite_members":true,"presences":[{"contact":"camille.exemple@example.invalid","#
                    + #""presence":"represente","represented_by":"Dominique Fictif"}]}"#, as: animateur)
            #expect(attendanceStatus == .ok)
            #expect(attendance["invited"] as? Int == 1 && attendance["attending"] as? Int == 1)
            let (decided, decision) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/decisions",
                #"{"text":"Relancer les EHPAD sans DUI","owner":"GRADeS","due":"fin 2027","task":true}"#,
                as: animateur)
            #expect(decided == .created, "\(decision)")
            #expect(decision["due_on"] as? String == "2027-12-31")
            #expect(decision["task"] is String)
            let (patched, held) = try await Self.json(
                app, .PATCH, "/api/meetings/\(meeting)", #"{"status":"tenue","version":1}"#, as: animateur)
            #expect(patched == .ok && held["status"] as? String == "tenue" && held["place"] as? String == "Lille")
            let (stale, refusal) = try await Self.json(
                app, .PATCH, "/api/meetings/\(meeting)", #"{"status":"annulee","version":1}"#, as: animateur)
            #expect(stale == .conflict, "\(refusal)")
            let (_, detail) = try await app.getJSON("/api/meetings/\(meeting)", as: animateur)
            let read = try #require(detail as? [String: Any])
            let agenda = (read["agenda"] as? [[String: Any]]) ?? []
            #expect(agenda.map { $0["title"] as? String } == ["Indicateurs", "Retours du terrain | bilan"])
            #expect((agenda.last?["subject"] as? [String: Any])?["code"] as? String == "D59")
            #expect((read["decisions"] as? [[String: Any]])?.count == 1)
            let (_, committee) = try await app.getJSON("/api/committees/cotan-nord")
            #expect(((committee as? [String: Any])?["open_decisions"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func aDraftIsReadByWhoMayWriteTheCommitteeOnly(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, meeting, animateur in
            let (saved, minutes) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/minutes", #"{"text":"Tour de table confidentiel"}"#,
                as: animateur)
            #expect(saved == .ok && minutes["status"] as? String == "brouillon")
            let lecteur = try await app.signIn(.lecteur)
            let elsewhere = try await app.signIn(.animateur, email: "pdc@test.invalid", territories: ["D62"])
            for reader in [lecteur, elsewhere] {
                let (_, detail) = try await app.getJSON("/api/meetings/\(meeting)", as: reader)
                let draft = try #require((detail as? [String: Any])?["minutes"] as? [String: Any])
                #expect(draft["status"] as? String == "brouillon" && draft["text"] == nil)
                let page = try await app.get("/comites/reunions/\(meeting)", as: reader)
                #expect(page.status == .ok && !page.body.contains("confidentiel"))
                #expect(page.body.contains("il sera lisible ici une fois approuvé"))
            }
            let page = try await app.get("/comites/reunions/\(meeting)", as: animateur)
            #expect(page.body.contains("Tour de table confidentiel"))
            let (approved, _) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/minutes", #"{"approve":true}"#, as: animateur)
            #expect(approved == .ok)
            let (_, published) = try await app.getJSON("/api/meetings/\(meeting)", as: lecteur)
            let text = ((published as? [String: Any])?["minutes"] as? [String: Any])?["text"] as? String
            #expect(text == "Tour de table confidentiel")
            #expect(try await app.get("/comites/reunions/\(meeting)", as: lecteur).body.contains("confidentiel"))
        }
    }

    @Test(arguments: TestDB.all)
    func refusalsNameTheFieldAndWriteNothing(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, meeting, animateur in
            // A member nobody knows: the committee is not created either.
            let (unknown, refusal) = try await Self.json(
                app, .POST, "/api/committees",
                #"{"code":"cotan-bis","name":"COTAN bis","kind":"cotan","frequency":"2 par an","territory":"D59","#
                    + #""members":[{"contact":"personne@example.invalid"}]}"#, as: animateur)
            #expect(unknown == .unprocessableEntity)
            #expect((refusal["error"] as? String)?.contains("Contact inconnu « personne@example.invalid »") == true)
            #expect(try await app.get("/api/committees/cotan-bis").status == .notFound)
            // One bad presence among good ones: none is recorded.
            let (bad, presenceRefusal) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/attendance",
                #"{"invite_members":true,"presences":[{"contact":"camille.exemple@example.invalid","#
                    + #""presence":"present"},{"contact":"camille.exemple@example.invalid","presence":"endormi"}]}"#,
                as: animateur)
            #expect(bad == .unprocessableEntity)
            #expect((presenceRefusal["error"] as? String)?.contains("Présence inconnue « endormi »") == true)
            let (_, detail) = try await app.getJSON("/api/meetings/\(meeting)")
            #expect(((detail as? [String: Any])?["attendance"] as? [Any])?.isEmpty == true)
            // A wrong field, an unknown section, a pack without a photo: each a French message.
            let (time, timeRefusal) = try await Self.json(
                app, .PATCH, "/api/meetings/\(meeting)", #"{"start_time":"25:00"}"#, as: animateur)
            #expect(
                time == .unprocessableEntity && (timeRefusal["error"] as? String)?.contains("Heure illisible") == true)
            let (section, sectionRefusal) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/pack", #"{"sections":["couverture","annexes"]}"#, as: animateur)
            #expect(section == .unprocessableEntity)
            #expect((sectionRefusal["error"] as? String)?.contains("Section inconnue « annexes »") == true)
            let pdf = try await app.send(.GET, "/api/meetings/\(meeting)/pack.pdf")
            #expect(pdf.status == .notFound && pdf.body.string.contains("Aucun dossier de séance"))
            // Another territory's animateur writes nothing in this COTAN.
            let elsewhere = try await app.signIn(.animateur, email: "pdc@test.invalid", territories: ["D62"])
            let (forbidden, _) = try await Self.json(
                app, .POST, "/api/meetings/\(meeting)/decisions", #"{"text":"Hors périmètre"}"#, as: elsewhere)
            #expect(forbidden == .forbidden)
        }
    }

    @Test(arguments: TestDB.all)
    func aMeetingIsPlannedFromTheCommitteesPage(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, _, animateur in
            let refused = try await app.post(
                "/comites/cotan-nord", form: [("section", "meeting"), ("day", "31/02/2027")], as: animateur)
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Date illisible"))
            let planned = try await app.post(
                "/comites/cotan-nord",
                form: [("section", "meeting"), ("day", "2027-10-12"), ("start_time", "09:30"), ("place", "Douai")],
                as: animateur)
            #expect(planned.status == .seeOther)
            let page = try await app.get(try #require(planned.headers.first(name: .location)), as: animateur)
            #expect(page.body.contains("Douai") && page.body.contains("Indicateurs"))
            let committee = try await app.get("/comites/cotan-nord", as: animateur)
            #expect(committee.body.contains("12 octobre 2027") || committee.body.contains("12/10/2027"))
        }
    }
}
