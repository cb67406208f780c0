import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// A COTAN's meeting from its planning to its decisions, as an animateur of its territory runs it.
@Suite struct MeetingServiceTests {
    static let animateur = Actor(name: "anim", grant: Grant(role: .animateur, territories: ["D59"]))

    /// A COTAN of the Nord with two fictitious members, and its meetings of 2027 planned.
    static func withCOTAN<T>(_ db: TestDB, _ body: (Application, [UUID], [UUID]) async throws -> T) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app async throws in
            let (members, meetings) = try await app.db.sqlTransaction { db in
                _ = try await DirectoryService.saveOrganisation(
                    .init(code: "GRADES", name: "GRADeS", kind: "grades"), on: db, actor: .cli)
                var members: [UUID] = []
                for (first, last) in [("Camille", "Exemple"), ("Dominique", "Fictif")] {
                    members.append(
                        try await DirectoryService.createContact(
                            .init(firstName: first, lastName: last, organisation: "GRADES"), on: db, actor: .cli))
                }
                let code = try await CommitteeService.create(
                    .init(
                        name: "COTAN Nord", kind: "cotan", territory: "D59", frequency: "2 par an",
                        agendaTemplate: "20 min | Indicateurs du territoire"), on: db, actor: .cli)
                for member in members {
                    try await CommitteeService.setMember(code, contact: member, role: "membre", on: db, actor: .cli)
                }
                try await CommitteeService.planYear(code, year: 2027, on: db, actor: .cli)
                return (members, try await MeetingQuery.meetings(year: 2027, on: db).map(\.id))
            }
            return try await body(app, members, meetings)
        }
    }

    @Test(arguments: TestDB.all)
    func attendanceMinutesAndDecisionsOfAMeeting(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, members, meetings async throws in
            let april = meetings[0]
            // A task belongs to a roadmap's board.
            _ = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("feuille-de-route-2023-2027", region: "R32", on: db, actor: .cli)
            }
            // Act: invite, record attendance, write and approve the minutes, take a decision, make it a task.
            let (invited, task) = try await app.db.sqlTransaction { db in
                let invited = try await MeetingService.inviteMembers(april, on: db, actor: Self.animateur)
                try await MeetingService.setPresence(
                    april, contact: members[0], presence: "present", on: db, actor: Self.animateur)
                try await MeetingService.setPresence(
                    april, contact: members[1], presence: "represente", representedBy: "Alex Suppléant", on: db,
                    actor: Self.animateur)
                try await MeetingService.saveMinutes(
                    april, text: "Tour de table des ESMS.", version: nil, on: db, actor: Self.animateur)
                try await MeetingService.approveMinutes(april, on: db, actor: Self.animateur)
                let decision = try await MeetingService.addDecision(
                    april, .init(text: "Relancer les EHPAD sans DUI", owner: "GRADeS", due: "30/06/2027"), on: db,
                    actor: Self.animateur)
                let task = try await MeetingService.turnIntoTask(decision, on: db, actor: Self.animateur)
                #expect(try await MeetingService.turnIntoTask(decision, on: db, actor: Self.animateur) == task)
                return (invited, task)
            }
            let locked = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await MeetingService.saveMinutes(april, text: "Autre texte", version: nil, on: db, actor: .cli)
                }
            }
            let page = try #require(try await MeetingShow.query(april, on: app.sql))
            let october = try #require(try await MeetingShow.query(meetings[1], on: app.sql))
            // Check
            #expect(invited == 2)
            #expect(
                page.participation.byOrganisation.map { "\($0.label) \($0.attending)/\($0.invited)" } == ["GRADES 2/2"])
            #expect(page.participation.attending == 2)
            #expect(page.attendance.map(\.representedBy) == ["", "Alex Suppléant"])
            #expect(page.meeting.minutesStatus == MinutesStatus.approved.rawValue)
            #expect(locked?.message == "Le compte rendu est approuvé : rouvrez-le pour le modifier.")
            #expect(page.decisions.first?.taskID == task && page.decisions.first?.dueOn == "2027-06-30")
            #expect(try await app.count("tasks", where: "territory_code = 'D59'") == 1)
            // The October meeting lists the decision still open from April; the task names its meeting.
            #expect(october.openBefore.map(\.text) == ["Relancer les EHPAD sans DUI"])
            let board = try await TaskIndex.query(filter: nil, today: Day(2027, 4, 14), on: app.sql)
            let card = try #require(board.columns.flatMap(\.cards).first { $0.id == task.uuidString.lowercased() })
            #expect(card.decision?.meeting == april.uuidString.lowercased())
        }
    }

    @Test(arguments: TestDB.all)
    func agendaItemsAreLinkedReorderedAndRemoved(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, _, meetings async throws in
            let april = meetings[0]
            // Setup: the committee's template gave one item; a second is added.
            try await app.db.sqlTransaction { db in
                try await MeetingService.addAgendaItem(april, line: "10 min | Tour de table", on: db, actor: .cli)
            }
            let before = try await MeetingQuery.agenda(april, on: app.sql)
            // Act: a third, about the territory; the second moved down, the first removed.
            try await app.db.sqlTransaction { db in
                let subject = try await MeetingService.checkedSubject(kind: "territoire", code: "D59", on: db)
                try await MeetingService.addAgendaItem(
                    april, line: "15 min | Focus Nord | ARS", subject: subject, on: db, actor: Self.animateur)
                try await MeetingService.moveAgendaItem(april, item: before[1].id, offset: 1, on: db, actor: .cli)
                try await MeetingService.removeAgendaItem(april, item: before[0].id, on: db, actor: .cli)
            }
            let unknown = await #expect(throws: ServiceError.self) {
                try await MeetingService.checkedSubject(kind: "fiche", code: "Z9-99", on: app.sql)
            }
            let first = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await MeetingService.moveAgendaItem(april, item: before[1].id, offset: 1, on: db, actor: .cli)
                }
            }
            // Check
            let after = try await MeetingQuery.agenda(april, on: app.sql)
            #expect(after.map(\.title) == ["Focus Nord", "Tour de table"])
            #expect(after.map(\.sort) == [0, 1])
            #expect(after.first.map { "\($0.linkKind) \($0.linkCode)" } == "territoire D59")
            #expect(unknown?.message == "Fiche inconnu(e) « Z9-99 ».")
            #expect(first?.message == "Ce point est déjà le dernier.")
        }
    }

    @Test(arguments: TestDB.all)
    func pointsOfAttentionStayListedUntilClosed(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, _, meetings async throws in
            let (april, october) = (meetings[0], meetings[1])
            // Act: two points raised in April, one closed.
            let (blocking, _) = try await app.db.sqlTransaction { db in
                let blocking = try await MeetingService.raise(
                    april, kind: "blocage", text: "Éditeur DPI non référencé", on: db, actor: Self.animateur)
                let success = try await MeetingService.raise(
                    april, kind: "reussite", text: "Trois EHPAD raccordés", on: db, actor: Self.animateur)
                try await MeetingService.closePoint(success, on: db, actor: Self.animateur, today: Day(2027, 5, 2))
                return (blocking, success)
            }
            let unknownKind = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await MeetingService.raise(april, kind: "rumeur", text: "x", on: db, actor: .cli)
                }
            }
            let inApril = try await MeetingQuery.attentionPoints(
                meeting: april, committee: try #require(try await MeetingQuery.find(april, on: app.sql)).committeeID,
                day: "2027-04-13", on: app.sql)
            let octoberPage = try #require(try await MeetingShow.query(october, on: app.sql))
            // Check: October lists only the point still open.
            #expect(inApril.map(\.status) == ["ouvert", "clos"] || inApril.map(\.status) == ["clos", "ouvert"])
            #expect(inApril.first { $0.status == "clos" }?.closedOn == "2027-05-02")
            #expect(octoberPage.attention.map(\.id) == [blocking])
            #expect(unknownKind?.message == "Type de point d'attention inconnu « rumeur ».")
        }
    }

    @Test(arguments: TestDB.all)
    func approvedMinutesReopenOnlyWithAReasonInTheTrail(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, _, meetings async throws in
            let april = meetings[0]
            try await app.db.sqlTransaction { db in
                try await MeetingService.saveMinutes(april, text: "Relevé.", version: nil, on: db, actor: .cli)
                try await MeetingService.approveMinutes(april, on: db, actor: .cli)
            }
            let silent = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await MeetingService.reopenMinutes(april, reason: " ", on: db, actor: .cli)
                }
            }
            try await app.db.sqlTransaction { db in
                try await MeetingService.reopenMinutes(april, reason: "Erreur sur un chiffre", on: db, actor: .cli)
                try await MeetingService.saveMinutes(april, text: "Relevé corrigé.", version: nil, on: db, actor: .cli)
            }
            #expect(silent?.message == "Dites pourquoi le compte rendu approuvé est rouvert.")
            #expect(try await MeetingQuery.find(april, on: app.sql)?.minutes == "Relevé corrigé.")
            #expect(
                try await app.count(
                    "audit_events", where: "action = 'reopen' AND summary LIKE '%Erreur sur un chiffre%'") == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func anotherTerritorysAnimateurIsRefusedAndAFaultyValueNamed(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, _, meetings async throws in
            let outsider = Actor(name: "autre", grant: Grant(role: .animateur, territories: ["D62"]))
            let refused = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await MeetingService.addAgendaItem(
                        meetings[0], line: "10 min | Intrus", on: db, actor: outsider)
                }
            }
            let badTime = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await MeetingService.update(
                        meetings[0],
                        .init(
                            day: "2027-04-13", startTime: "25:00", durationMinutes: "120", place: "", videoURL: "",
                            status: "planifiee"), version: nil, on: db, actor: .cli)
                }
            }
            #expect(refused?.status == .forbidden)
            #expect(badTime?.message == "Heure illisible « 25:00 » (ex. 14:00).")
            #expect(try await app.count("agenda_items") == 2)
        }
    }

    @Test(arguments: TestDB.all)
    func theMeetingPageWritesWithoutJavaScript(db: TestDB) async throws {
        try await Self.withCOTAN(db) { app, _, meetings async throws in
            let url = SiteURL.meeting(meetings[0].uuidString.lowercased()).path
            let agenda = try await app.post(url, form: [("section", "agenda"), ("item", "30 min | Focus MES | CPAM")])
            let decision = try await app.post(
                url, form: [("section", "decision"), ("text", "Organiser un webinaire"), ("owner", "ARS"), ("due", "")])
            let page = try await app.get(url)
            let faulty = try await app.post(url, form: [("section", "agenda"), ("item", "Focus sans durée")])
            #expect(agenda.status == .seeOther && decision.status == .seeOther)
            #expect(page.body.contains("Focus MES") && page.body.contains("Organiser un webinaire"))
            #expect(page.body.contains("En faire une tâche"))
            #expect(
                faulty.status == .unprocessableEntity && faulty.body.contains("Point d&#39;ordre du jour illisible"))
        }
    }
}
