import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// The activity pages as an animateur uses them: the journal, logging a visit from the worklist,
/// the structure's timeline, the calendar feed.
@Suite(.serialized) struct ActivityPagesTests {
    @Test(arguments: TestDB.all)
    func journalWorklistVisitTimelineAndCalendar(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            _ = try await app.importActivityJournal()
            let journal = try await app.get("/activites?territoire=D59&du=2022-01-01")
            #expect(journal.status == .ok)
            #expect(
                journal.body.contains("Visite MSSanté au CH") && journal.body.contains("Webinaire INS")
                    && !journal.body.contains("Lancement Ségur"))
            let visits = try await app.get("/activites?type=visite")
            #expect(visits.body.contains("Visite MSSanté au CH") && !visits.body.contains("Webinaire INS"))
            // the worklist: ES of the Nord not reached in 2022 — ES2 (reached in 2021) is there, ES1 is not
            let work = try await app.get("/activites/a-toucher?territoire=Nord&couloir=ES&depuis=2022-01-01")
            #expect(work.status == .ok)
            #expect(
                work.body.contains("Structure T00000ES2") && !work.body.contains("Structure T00000ES1")
                    && !work.body.contains("Structure T00000ES3"))
            let csv = try await app.get("/activites/a-toucher?territoire=D59&couloir=ES&depuis=2022-01-01&format=csv")
            #expect(
                csv.body.hasPrefix("\u{FEFF}finess;structure;commune;categorie;couloir;dernier_contact\r\n")
                    && csv.body.contains("T00000ES2;Structure T00000ES2;"))
            #expect(csv.body.contains(";2021-12-01\r\n"))
            // one click from the worklist: the form comes prefilled, the visit is logged
            let form = try await app.get("/activites/nouvelle?structure=T00000ES2&type=visite")
            #expect(form.body.contains("value=\"Visite sur site — Structure T00000ES2\""))
            let posted = try await app.post(
                "/activites/nouvelle",
                form: [
                    ("date", "2022-09-15"), ("type", "visite-sur-site"), ("title", "Visite de suivi"),
                    ("structures", "T00000ES2"), ("topics[]", "MSS"), ("organisers", "GRADeS")
                ])
            #expect(posted.status == .seeOther)
            #expect(
                try await app.reach(.es, "D59", since: "2022-01-01", at: "2022-12-31").reached == 2)
            #expect(
                !(try await app.get("/activites/a-toucher?territoire=D59&couloir=ES&depuis=2022-01-01").body.contains(
                    "Structure T00000ES2")))
            // structures typed by name: several open ones match, the user picks; follow-ups become tasks of the board
            try await app.createRoadmap()
            let tasks = try await app.count("tasks")
            let ambiguous = try await app.post(
                "/activites/nouvelle",
                form: [
                    ("date", "2022-10-01"), ("type", "atelier"), ("title", "Atelier INS"),
                    ("structures", "Structure T00000ES\nStructure T000MSPA1"),
                    ("followups", "Relancer le DSI\nEnvoyer le support")
                ])
            #expect(ambiguous.status == .unprocessableEntity && ambiguous.body.contains("Précisez 1 structure(s)"))
            #expect(
                ambiguous.body.contains("name=\"choix_0\"") && ambiguous.body.contains("value=\"T00000ES4\"")
                    && !ambiguous.body.contains("value=\"T00000ES3\""))
            let picked = try await app.post(
                "/activites/nouvelle",
                form: [
                    ("date", "2022-10-01"), ("type", "atelier"), ("title", "Atelier INS"),
                    ("structures", "Structure T00000ES\nStructure T000MSPA1"), ("choix_0", "T00000ES4"),
                    ("followups", "Relancer le DSI\nEnvoyer le support")
                ])
            #expect(picked.status == .seeOther)
            #expect(try await app.count("tasks") == tasks + 2)
            #expect(try await app.get("/taches").body.contains("Relancer le DSI — suite de « Atelier INS »"))
            // the structure's timeline
            let page = try await app.get("/structures/T00000ES2")
            #expect(
                page.body.contains("Activités (2)") && page.body.contains("Visite de suivi")
                    && page.body.contains("Lancement Ségur"))
            // a wrong form is refused in French with what was typed
            let refused = try await app.post(
                "/activites/nouvelle", form: [("date", "2022-13-01"), ("type", "visite"), ("title", "<b>Essai</b>")])
            #expect(
                refused.status == .unprocessableEntity && refused.body.contains("Date illisible")
                    && refused.body.contains("value=\"&lt;b&gt;Essai&lt;/b&gt;\""))
            // the calendar feed: upcoming activities only, valid iCalendar
            let future = Day.today().addingDays(10).iso
            _ = try await app.importActivityJournal(
                "date;type;titre;territoires\n\(future);webinaire;"
                    + "\"Webinaire MES, DMP; et \"\"suite\"\" avec un titre très long "
                    + "qui dépasse soixante-quinze octets\";R32")
            let ics = try await app.get("/activites.ics")
            #expect(ics.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let lines = ics.body.components(separatedBy: "\r\n")
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.dropLast().last == "END:VCALENDAR" && lines.last == "")
            #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 1)
            #expect(lines.allSatisfy { $0.utf8.count <= 75 })
            #expect(lines.contains("DTSTART;VALUE=DATE:" + future.replacingOccurrences(of: "-", with: "")))
            let summary = lines.drop { !$0.hasPrefix("SUMMARY:") }.prefix { !$0.hasPrefix("DESCRIPTION:") }.map {
                $0.hasPrefix(" ") ? String($0.dropFirst()) : $0
            }.joined()
            #expect(summary.contains("Webinaire MES\\, DMP\\;"))
        }
    }
}

extension ActivityPagesTests {
    @Test(arguments: TestDB.all)
    func calendarReportAndAttachments(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            _ = try await app.importActivityJournal()
            let march = try await app.get("/activites/calendrier?mois=2022-03")
            #expect(
                march.status == .ok && march.body.contains("Calendrier des activités — Mars 2022")
                    && march.body.contains("Visite MSSanté au CH"))
            #expect(!march.body.contains("Webinaire INS"))
            let report = try await app.get("/activites/bilan?du=2022-01-01")
            #expect(report.body.contains("ARS Hauts-de-France") && report.body.contains("CPAM Lille-Douai"))
            let rows = try await ActivityQuery.report(from: Day(2021, 1, 1), to: nil, on: app.sql)
            let ars = try #require(rows.first { $0.organiser == "ARS Hauts-de-France" })
            #expect(ars.actions == 2 && ars.participants == 34 && ars.structures == 4)
            // an attachment: a hostile name is cut to its last component, served as a download
            let activity = try #require(
                try await ActivityQuery.page(.init(), on: app.sql).rows.first { $0.title == "Webinaire INS" })
            let id = activity.id.uuidString.lowercased()
            let boundary = "----jalonpiece"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"../../etc/ordre du jour.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                + "%PDF-1.4 ordre du jour\r\n--\(boundary)--\r\n"
            let posted = try await app.send(
                .POST, "/activites/\(id)/pieces",
                headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: body))
            #expect(posted.status == .seeOther)
            let page = try await app.get("/activites/\(id)")
            #expect(page.body.contains(">ordre du jour.pdf</a>") && !page.body.contains("etc/"))
            let files = try await ActivityAttachments.list(activity: activity.id, on: app.sql)
            let download = try await app.send(.GET, "/activites/\(id)/pieces/\(files[0].id.uuidString.lowercased())")
            #expect(download.status == .ok && download.body.string == "%PDF-1.4 ordre du jour")
            #expect(download.headers.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(
                ActivityAttachments.safeName("..\\..\\C:\\x\u{0}.exe") == "x.exe"
                    && ActivityAttachments.safeName("../") == "piece-jointe")
            let empty =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vide.txt\"\r\n"
                + "\r\n\r\n--\(boundary)--\r\n"
            let refused = try await app.send(
                .POST, "/activites/\(id)/pieces",
                headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(string: empty))
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("est vide"))
        }
    }
}

extension ActivityPagesTests {
    /// HTML in every free-text field of the log is escaped on every page that shows it.
    @Test(arguments: TestDB.all)
    func hostileTextIsEscapedEverywhereTheLogShowsIt(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            for (n, bad) in HostileInput.payloads.enumerated() {
                let input = ActivityService.Input(
                    date: "2022-0\(n + 1)-15", type: "atelier", title: "Atelier \(bad)", place: bad, participants: "3",
                    notes: bad,
                    topics: [bad], territories: ["D59"], structures: [.init(structure: "T00000ES1", attendees: bad)],
                    organisers: [bad])
                _ = try await app.db.sqlTransaction { db in
                    try await ActivityService.save(
                        try await ActivityService.resolve(input, on: db), on: db, actor: .system)
                }
                _ = try await app.db.sqlTransaction { db in
                    try await DirectoryService.createContact(
                        .init(
                            firstName: bad, lastName: "Test\(n)", function: bad, roles: [bad], territories: ["D59"]),
                        on: db, actor: .system)
                }
            }
            let rows = try await ActivityQuery.page(.init(), on: app.sql).rows
            for path in [
                "/activites", "/activites?organisateur=%3Cscript", "/activites/calendrier?mois=2022-01",
                "/activites/bilan", "/activites/territoires?territoire=R32",
                "/structures/T00000ES1", "/annuaire", "/annuaire/qui-contacter?decoupage=TAN"
            ] + rows.map({ "/activites/" + $0.id.uuidString.lowercased() }) {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                HostileInput.assertEscaped(page.body, path)
            }
        }
    }
}
