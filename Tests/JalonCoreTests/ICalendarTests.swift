import Foundation
import Testing

@testable import JalonCore

struct ICalendarTests {
    @Test func parisTimesAreWrittenInUTCAcrossDaylightSaving() {
        // 14:00 in Paris is 12:00 UTC in April (CEST), 13:00 UTC in January (CET).
        #expect(ICalendar.utc(ICalendar.paris(Day(2027, 4, 13), hour: 14, minute: 0)) == "20270413T120000Z")
        #expect(ICalendar.utc(ICalendar.paris(Day(2027, 1, 12), hour: 14, minute: 0)) == "20270112T130000Z")
    }

    @Test func textIsEscapedLinesFoldedAndCancellationsMarked() {
        // setup
        let start = ICalendar.paris(Day(2027, 4, 13), hour: 9, minute: 30)
        let event = ICalendar.Event(
            uid: "reunion-1@jalon", time: .timed(start, start.addingTimeInterval(7200)),
            summary: "COTAN Littoral ; bilan, suite", description: String(repeating: "Ordre du jour é ", count: 10),
            cancelled: true, sequence: 3)
        // act
        let text = ICalendar.document(name: "Comités", product: "Comités", events: [event], stamp: start)
        // check
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("SUMMARY:COTAN Littoral \\; bilan\\, suite\r\n"))
        #expect(text.contains("STATUS:CANCELLED\r\nEND:VEVENT"))
        #expect(text.contains("SEQUENCE:3\r\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(text.contains("\r\n "))
    }

    @Test func anInvitationNamesItsOrganizerAndAttendeeWithQuotedNames() {
        // setup
        let start = ICalendar.paris(Day(2027, 4, 13), hour: 14, minute: 0)
        let event = ICalendar.Event(
            uid: "reunion-2@jalon", time: .timed(start, start.addingTimeInterval(3600)), summary: "CRNS",
            organizer: .init(name: "Cellule \"Ségur\"", email: "jalon@ars.example.invalid"),
            attendees: [.init(name: "", email: "camille@example.invalid")])
        // act
        let text = ICalendar.document(
            name: "CRNS", product: "Comités", events: [event], method: "REQUEST", stamp: start)
        // check: quotes are not allowed inside a parameter value; a nameless attendee is named by the address
        #expect(text.contains("METHOD:REQUEST\r\n"))
        #expect(text.contains("ORGANIZER;CN=\"Cellule Ségur\":mailto:jalon@ars.example.invalid"))
        #expect(
            text.replacingOccurrences(of: "\r\n ", with: "").contains(
                "ATTENDEE;CN=\"camille@example.invalid\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:"
                    + "mailto:camille@example.invalid"))
    }

    @Test func theNextSendingIsAnUpdateOnceAnInvitationWentOut() {
        #expect(InvitationKind.next(cancelled: false, alreadySent: false) == .invitation)
        #expect(InvitationKind.next(cancelled: false, alreadySent: true) == .update)
        #expect(InvitationKind.next(cancelled: true, alreadySent: true) == .cancellation)
        #expect(InvitationKind.cancellation.method == "CANCEL" && InvitationKind.update.method == "REQUEST")
    }
}
