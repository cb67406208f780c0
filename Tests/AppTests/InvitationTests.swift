import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Invitations by e-mail against a real local SMTP server (PyPI `aiosmtpd`, `scripts/smtp-sink.py`), its
/// messages read back by Python's `email` package and their calendars by the `icalendar` parser.
@Suite struct InvitationTests {
    /// The SMTP server of one test: it requires AUTH and writes what it receives to a directory.
    final class SMTPSink: @unchecked Sendable {
        let process = Process()
        let directory: URL
        let port: Int

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scripts/smtp-sink.py").path
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, directory.path, "jalon", "mot de passe \"secret\""]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([10]) {
                line.append(byte)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self).replacingOccurrences(of: "ready ", with: ""))
            else { throw Abort(.internalServerError, reason: "aiosmtpd n'a pas démarré") }
            self.port = port
        }

        deinit {
            process.terminate()
            try? FileManager.default.removeItem(at: directory)
        }

        /// The `n`-th message received, as Python reads it: envelope, headers, text, and the calendar part.
        func message(_ number: Int) async throws -> [String: Any] {
            let base = directory.appendingPathComponent(String(format: "%03d", number))
            for _ in 0..<100 where !FileManager.default.fileExists(atPath: base.path + ".json") {
                try await Task.sleep(for: .milliseconds(50))
            }
            let script = """
                import email, email.policy, icalendar, json, sys
                message = email.message_from_binary_file(open(sys.argv[1] + '.eml', 'rb'), policy=email.policy.default)
                envelope = json.load(open(sys.argv[1] + '.json'))
                calendars = [part for part in message.walk() if part.get_content_type() == 'text/calendar']
                attachments = [part.get_filename() for part in message.iter_attachments()]
                calendar = icalendar.Calendar.from_ical(calendars[0].get_payload(decode=True))
                event = next(iter(calendar.walk('VEVENT')))
                print(json.dumps({
                    'to': envelope['to'], 'authenticated': envelope['authenticated'],
                    'subject': str(message['subject']),
                    'header_to': str(message['to']), 'text': message.get_body(('plain',)).get_content(),
                    'attachments': attachments, 'method': str(calendar.get('method')),
                    'sequence': int(event.get('sequence')), 'status': str(event.get('status')),
                    'attendees': [str(a) for a in ([event.get('attendee')] if isinstance(event.get('attendee'), str)
                                                   else event.get('attendee', []))],
                    'organizer': str(event.get('organizer')), 'summary': str(event.get('summary'))}))
                """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, base.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "le message n° \(number) n'a pas été lu")
            return try JSONSerialization.jsonObject(with: output) as? [String: Any] ?? [:]
        }

        var received: Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter {
                $0.hasSuffix(".json")
            }.count
        }
    }

    /// The COTAN's April meeting with its two members invited: Camille may be written to, Dominique has an
    /// address but did not consent.
    static func invited<T>(
        _ db: TestDB, smtp: String?, _ body: (Application, UUID, Credentials) async throws -> T
    ) async throws -> T {
        try await MeetingServiceTests.withCOTAN(db) { app, members, meetings in
            try await app.db.sqlTransaction { db in
                try await db.update("contacts").set("email", to: "camille.exemple@example.invalid")
                    .set("mailing_consent", to: true).where("id", .equal, members[0]).run()
                try await db.update("contacts").set("email", to: "dominique.fictif@example.invalid")
                    .set("mailing_consent", to: false).where("id", .equal, members[1]).run()
                try await MeetingService.inviteMembers(meetings[0], on: db, actor: .cli)
            }
            app.config.smtp = try SMTPSettings.parse(smtp, from: "Cellule Ségur <jalon@ars.example.invalid>")
            return try await body(app, meetings[0], try await app.signIn(.pilote))
        }
    }

    @Test(arguments: TestDB.all)
    func invitationUpdateAndCancellationReachTheServer(db: TestDB) async throws {
        let sink = try SMTPSink()
        let server = "smtp://jalon:mot%20de%20passe%20%22secret%22@127.0.0.1:\(sink.port)"
        try await Self.invited(db, smtp: server) { app, meeting, pilote in
            let page = "/comites/reunions/\(meeting.uuidString.lowercased())"
            // Act: the invitation.
            let sent = try await app.post(page, form: [("section", "send")], as: pilote)
            #expect(sent.status == .seeOther)
            // Check: Camille only, authenticated, the agenda in the text, the calendar a REQUEST naming her.
            let invitation = try await sink.message(1)
            #expect(invitation["to"] as? [String] == ["camille.exemple@example.invalid"])
            #expect(invitation["authenticated"] as? Bool == true)
            #expect((invitation["subject"] as? String)?.hasPrefix("Invitation : COTAN Nord — mardi") == true)
            #expect((invitation["text"] as? String)?.contains("1. Indicateurs du territoire (20 min)") == true)
            #expect(invitation["attachments"] as? [String] == ["reunion.ics"])
            #expect(invitation["method"] as? String == "REQUEST" && invitation["status"] as? String == "CONFIRMED")
            #expect(invitation["attendees"] as? [String] == ["mailto:camille.exemple@example.invalid"])
            #expect(invitation["organizer"] as? String == "mailto:jalon@ars.example.invalid")
            let after = try await app.get(page + "?envoi=invitation", as: pilote)
            #expect(after.body.contains("Invitation envoyée."))
            #expect(after.body.contains("non écrits, sans adresse ou sans accord : Dominique Fictif"))
            #expect(after.body.contains("Envoyer la mise à jour"))
            // Act: the meeting moves to another room, then is cancelled.
            let before = try #require(try await MeetingQuery.find(meeting, on: app.sql))
            try await app.db.sqlTransaction { db in
                try await MeetingService.update(
                    meeting,
                    .init(
                        day: before.day, startTime: "10:00", durationMinutes: "90", place: "Salle 2, Lille",
                        videoURL: "", status: "planifiee"), version: nil, on: db, actor: .cli)
            }
            #expect(try await app.post(page, form: [("section", "send")], as: pilote).status == .seeOther)
            let update = try await sink.message(2)
            #expect((update["subject"] as? String)?.hasPrefix("Mise à jour : COTAN Nord") == true)
            #expect((update["text"] as? String)?.contains("Lieu : Salle 2, Lille") == true)
            #expect(update["method"] as? String == "REQUEST")
            #expect(update["sequence"] as? Int ?? 0 > invitation["sequence"] as? Int ?? 0)
            try await app.db.sqlTransaction { db in
                try await MeetingService.update(
                    meeting,
                    .init(
                        day: before.day, startTime: "10:00", durationMinutes: "90", place: "Salle 2, Lille",
                        videoURL: "", status: "annulee"), version: nil, on: db, actor: .cli)
            }
            #expect(try await app.post(page, form: [("section", "send")], as: pilote).status == .seeOther)
            let cancellation = try await sink.message(3)
            #expect((cancellation["subject"] as? String)?.hasPrefix("Annulation : COTAN Nord") == true)
            #expect(cancellation["method"] as? String == "CANCEL" && cancellation["status"] as? String == "CANCELLED")
            #expect(cancellation["sequence"] as? Int ?? 0 > update["sequence"] as? Int ?? 0)
            // Every sending is audited, and nobody else was written to.
            #expect(sink.received == 3)
            let audited = try await app.sql.raw(
                "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'send' AND object_type = 'meeting'"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(audited == 3)
            #expect(
                try await MeetingQuery.mailings(meeting, on: app.sql).map(\.kind) == [
                    "annulation", "mise-a-jour", "invitation"
                ])
        }
    }

    @Test(arguments: TestDB.all)
    func withoutAServerThePageSaysSoAndOffersTheICS(db: TestDB) async throws {
        try await Self.invited(db, smtp: nil) { app, meeting, pilote in
            let page = "/comites/reunions/\(meeting.uuidString.lowercased())"
            let shown = try await app.get(page, as: pilote)
            #expect(shown.body.contains("L&#39;envoi de courriels n&#39;est pas configuré sur ce serveur"))
            #expect(shown.body.contains("\(page)/reunion.ics"))
            let refused = try await app.post(page, form: [("section", "send")], as: pilote)
            #expect(refused.status == .serviceUnavailable && refused.body.contains("JALON_SMTP_URL"))
            #expect(try await MeetingQuery.mailings(meeting, on: app.sql).isEmpty)
        }
    }

    @Test(arguments: TestDB.all)
    func wrongCredentialsAreSaidInFrenchAndNothingIsRecorded(db: TestDB) async throws {
        let sink = try SMTPSink()
        try await Self.invited(db, smtp: "smtp://jalon:faux@127.0.0.1:\(sink.port)") { app, meeting, pilote in
            let refused = try await app.post(
                "/comites/reunions/\(meeting.uuidString.lowercased())", form: [("section", "send")], as: pilote)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.body.contains("Le serveur de courriel a refusé l&#39;envoi"))
            #expect(sink.received == 0)
            #expect(try await MeetingQuery.mailings(meeting, on: app.sql).isEmpty)
            // A lecteur may not send.
            let lecteur = try await app.signIn(.lecteur)
            let forbidden = try await app.post(
                "/comites/reunions/\(meeting.uuidString.lowercased())", form: [("section", "send")], as: lecteur)
            #expect(forbidden.status == .forbidden)
        }
    }
}
