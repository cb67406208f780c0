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
}
