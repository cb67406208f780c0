import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

@Suite struct CommitteeServiceTests {
    static let crns = CommitteeService.Input(
        name: "Comité régional du numérique en santé", kind: "crns", frequency: "3 par an",
        agendaTemplate:
            "20 min | Indicateurs de la feuille de route | ARS\n40 min | Focus télésanté\n15 min | Questions")

    @Test(arguments: TestDB.all)
    func aYearsProgrammeIsPlannedOnceWithTheAgendaTemplate(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // Setup
            let code = try await app.db.sqlTransaction { db in
                try await CommitteeService.create(Self.crns, on: db, actor: .cli)
            }
            // Act
            let planned = try await app.db.sqlTransaction { db in
                try await CommitteeService.planYear(code, year: 2027, on: db, actor: .cli)
            }
            let again = try await app.db.sqlTransaction { db in
                try await CommitteeService.planYear(code, year: 2027, on: db, actor: .cli)
            }
            // Check
            #expect(code == "comite-regional-du-numerique-en-sante")
            #expect(planned == 3 && again == 0)
            let meetings = try await MeetingQuery.meetings(year: 2027, on: app.sql)
            #expect(meetings.map(\.day) == ["2027-03-09", "2027-07-13", "2027-11-09"])
            #expect(meetings.allSatisfy { $0.durationMinutes == 75 && $0.status == MeetingStatus.planned.rawValue })
            #expect(try await app.count("agenda_items") == 9)
            #expect(try await app.count("audit_events", where: "object_type = 'committee'") == 2)
        }
    }

    @Test(arguments: TestDB.all)
    func aCommitteeIsRefusedWithAFrenchReasonAndNothingWritten(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            func refusal(_ input: CommitteeService.Input) async -> String? {
                do {
                    _ = try await app.db.sqlTransaction { db in
                        try await CommitteeService.create(input, on: db, actor: .cli)
                    }
                    return nil
                } catch let error as ServiceError { return error.message } catch { return "\(error)" }
            }
            var cotan = Self.crns
            cotan.kind = "cotan"
            var unknownKind = Self.crns
            unknownKind.kind = "conseil"
            var vague = Self.crns
            vague.frequency = "de temps en temps"
            var badAgenda = Self.crns
            badAgenda.agendaTemplate = "20 min | Indicateurs\nTour de table"
            var unknownOrganisation = Self.crns
            unknownOrganisation.organisations = "ARS, <b>"
            #expect(await refusal(cotan) == "Un COTAN anime un territoire : donnez le code de son TAN.")
            #expect(await refusal(unknownKind)?.hasPrefix("Type de comité inconnu « conseil » (crns, cotan") == true)
            #expect(await refusal(vague)?.hasPrefix("Fréquence illisible « de temps en temps »") == true)
            #expect(await refusal(badAgenda) == "Ordre du jour type, ligne 2 : écrivez « 20 min | Titre ».")
            #expect(await refusal(unknownOrganisation)?.hasPrefix("Organisation inconnue « ARS »") == true)
            #expect(try await app.count("committees") == 0)
            _ = try await app.db.sqlTransaction { db in
                try await CommitteeService.create(Self.crns, on: db, actor: .cli)
            }
            #expect(await refusal(Self.crns) == "Le comité « comite-regional-du-numerique-en-sante » existe déjà.")
        }
    }

    @Test(arguments: TestDB.all)
    func anAnimateurWritesTheCOTANOfHisTerritoriesOnly(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let animateur = Actor(name: "anim", grant: Grant(role: .animateur, territories: ["D59"]))
            var nord = Self.crns
            nord.name = "COTAN Nord"
            nord.kind = "cotan"
            nord.territory = "D59"
            nord.frequency = "2 par an"
            var outsideInput = nord
            outsideInput.name = "COTAN Pas-de-Calais"
            outsideInput.territory = "D62"
            let (nordCOTAN, pasDeCalais) = (nord, outsideInput)
            // Act
            let code = try await app.db.sqlTransaction { db in
                try await CommitteeService.create(nordCOTAN, on: db, actor: animateur)
            }
            let outside = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await CommitteeService.create(pasDeCalais, on: db, actor: animateur)
                }
            }
            let regional = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await CommitteeService.create(Self.crns, on: db, actor: animateur)
                }
            }
            // Check
            #expect(code == "cotan-nord")
            #expect(outside?.status == .forbidden && regional?.status == .forbidden)
            #expect(try await app.count("committees") == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func thePagesListTheRegisterAndPlanAProgrammeWithoutJavaScript(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // Act: create through the register's form, then plan 2027 on the committee's page.
            let created = try await app.post(
                SiteURL.committees.path,
                form: [
                    ("name", "Cellule de coordination"), ("kind", "coordination"), ("frequency", "mensuelle"),
                    ("agenda_template", "30 min | Point d'avancement")
                ])
            let planned = try await app.post(
                SiteURL.committee("cellule-de-coordination").path, form: [("section", "programme"), ("year", "2027")])
            let register = try await app.get(SiteURL.committees.with([("annee", "2027")]))
            let page = try await app.get(SiteURL.committee("cellule-de-coordination").path)
            let refused = try await app.post(
                SiteURL.committees.path, form: [("name", "Sans fréquence"), ("kind", "copil"), ("frequency", "")])
            // Check
            #expect(created.status == .seeOther && planned.status == .seeOther)
            #expect(register.status == .ok && register.body.contains("Cellule de coordination"))
            #expect(register.body.contains("12 janvier 2027 à 14:00") && !register.body.contains("août 2027"))
            #expect(page.body.contains("Point d&#39;avancement (30 min)") && page.body.contains("mensuelle"))
            #expect(try await app.count("meetings") == 11)
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Fréquence illisible"))
            #expect(try await app.get(SiteURL.committee("inconnu").path).status == .notFound)
        }
    }

    @Test(arguments: TestDB.all)
    func aCommitteeIsEditedOnItsPageWithItsVersionAndAMemberRemoved(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // Setup: a CRNS with one fictitious member.
            let member = try await app.db.sqlTransaction { db in
                let code = try await CommitteeService.create(Self.crns, on: db, actor: .cli)
                let contact = try await DirectoryService.createContact(
                    .init(firstName: "Camille", lastName: "Exemple"), on: db, actor: .cli)
                try await CommitteeService.setMember(code, contact: contact, role: "président", on: db, actor: .cli)
                return contact
            }
            let url = SiteURL.committee("comite-regional-du-numerique-en-sante").path
            let fields: [(String, String)] = [
                ("section", "edit"), ("name", "CRNS Hauts-de-France"), ("kind", "crns"), ("frequency", "2 par an"),
                ("territory", ""), ("organisations", ""), ("objectives", "Arbitrer."), ("agenda_template", "")
            ]
            // Act: a form from an older page, then the current one, then the member removed.
            let stale = try await app.post(url, form: fields + [("version", "0")])
            let saved = try await app.post(url, form: fields + [("version", "1")])
            let removed = try await app.post(
                url, form: [("section", "remove-member"), ("contact", member.uuidString)])
            // Check
            #expect(stale.status == .conflict)
            #expect(saved.status == .seeOther && removed.status == .seeOther)
            let stored = try #require(
                try await CommitteeQuery.find("comite-regional-du-numerique-en-sante", on: app.sql))
            #expect(stored.name == "CRNS Hauts-de-France" && stored.frequency == "2 par an" && stored.version == 2)
            #expect(try await app.count("committee_members") == 0)
            #expect(
                try await app.count(
                    "audit_events", where: "object_type = 'committee' AND action IN ('update', 'delete')") == 2)
        }
    }
}
