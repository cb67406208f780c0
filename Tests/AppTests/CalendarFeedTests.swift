import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A meeting's `.ics` and the subscription feeds, read back by the PyPI `icalendar` parser as a calendar
/// would read them.
@Suite struct CalendarFeedTests {
    /// Each event of an iCalendar text as the parser sees it: UTC start, summary, status, description.
    static func parsed(_ text: String) throws -> [[String: String]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cal-\(UUID().uuidString).ics").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import datetime, icalendar, json, sys
            calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            assert calendar.get('version') == '2.0'
            utc = datetime.timezone.utc
            events = [{'start': e.decoded('dtstart').astimezone(utc).strftime('%Y%m%dT%H%MZ'),
                       'summary': str(e.get('summary')), 'status': str(e.get('status')),
                       'description': str(e.get('description', ''))} for e in calendar.walk('VEVENT')]
            print(json.dumps(events))
            """
        let process = Process()
        // The python3 of the PATH, into which scripts/setup.sh installed icalendar.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "icalendar a refusé le document")
        return try JSONDecoder().decode([[String: String]].self, from: output)
    }

    @Test(arguments: TestDB.all)
    func aMeetingsICSCarriesItsTimeInParisAndItsAgenda(db: TestDB) async throws {
        try await MeetingServiceTests.withCOTAN(db) { app, _, meetings async throws in
            let id = meetings[0].uuidString.lowercased()
            let meeting = try #require(try await MeetingQuery.find(meetings[0], on: app.sql))
            // Act
            let response = try await app.get(SiteURL.meetingICS(id).path, as: try await app.signIn(.lecteur))
            let events = try Self.parsed(response.body)
            // Check: the meeting's Paris time, as the instant it is.
            let day = try #require(Day(iso: meeting.day))
            let hour = Int(meeting.startTime.prefix(2)) ?? 0
            #expect(response.headers.contentType?.subType == "calendar")
            #expect(events.count == 1)
            let formatter = DateFormatter()
            formatter.timeZone = .gmt
            formatter.dateFormat = "yyyyMMdd'T'HHmm'Z'"
            #expect(events.first?["start"] == formatter.string(from: ICalendar.paris(day, hour: hour, minute: 0)))
            #expect(events.first?["summary"] == "COTAN Nord")
            #expect(events.first?["description"]?.contains("20 min — Indicateurs du territoire") == true)
        }
    }

    @Test(arguments: TestDB.all)
    func aFeedIsReadWithoutSigningInUntilRevoked(db: TestDB) async throws {
        try await MeetingServiceTests.withCOTAN(db) { app, _, meetings async throws in
            let pilote = try await app.signIn(.pilote)
            // Act: the committee's feed is created; one meeting is cancelled.
            let created = try await app.post(
                SiteURL.committee("cotan-nord").path, form: [("section", "feed"), ("contact", "")], as: pilote)
            let address = try #require(
                created.body.range(of: #"/calendrier/cal_[A-Za-z0-9_-]+/reunions\.ics"#, options: .regularExpression)
                    .map { String(created.body[$0]) })
            try await app.db.sqlTransaction { db in
                let meeting = try #require(try await MeetingQuery.find(meetings[1], on: db))
                try await MeetingService.update(
                    meetings[1],
                    .init(
                        day: meeting.day, startTime: meeting.startTime, durationMinutes: "\(meeting.durationMinutes)",
                        place: "", videoURL: "", status: "annulee"), version: nil, on: db, actor: .cli)
            }
            let feed = try await app.testing().sendRequest(.GET, address)
            let events = try Self.parsed(feed.body.string)
            let committee = try #require(try await CommitteeQuery.find("cotan-nord", on: app.sql))
            let stored = try #require(try await CalendarFeedQuery.feeds(of: committee, on: app.sql).first)
            let revoked = try await app.post(
                SiteURL.committee("cotan-nord").path,
                form: [("section", "feed-revoke"), ("feed", stored.id.uuidString)],
                as: pilote)
            let after = try await app.testing().sendRequest(.GET, address)
            let guessed = try await app.testing().sendRequest(.GET, "/calendrier/cal_devine/reunions.ics")
            // Check
            #expect(feed.status == .ok)
            #expect(events.map(\.["status"]) == ["CONFIRMED", "CANCELLED"])
            #expect(revoked.status == .seeOther)
            #expect(after.status == .notFound && guessed.status == .notFound)
            #expect(try await app.count("calendar_feeds", where: "token_digest LIKE 'cal_%'") == 0)
        }
    }
}
