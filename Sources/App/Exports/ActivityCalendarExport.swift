import Foundation
import JalonCore

/// The upcoming activities as an iCalendar feed (RFC 5545) that calendars subscribe to: all-day
/// events, text escaped, lines folded at 75 octets, CRLF line ends.
enum ActivityCalendarExport {
    static func ics(_ rows: [ActivityRow], now: Date = Date()) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jalon//Journal des activités//FR", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Jalon — activités à venir"
        ]
        let stamp = ISO8601DateFormatter.string(
            from: now, timeZone: TimeZone(identifier: "UTC")!,
            formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        )
        .replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        for activity in rows {
            let start = activity.date.iso.replacingOccurrences(of: "-", with: "")
            let end = activity.date.addingDays(1).iso.replacingOccurrences(of: "-", with: "")
            let description = [
                "Territoires : \(activity.territories.joined(separator: ", "))",
                "Organisateurs : \(activity.organisers.joined(separator: ", "))",
                "Thèmes : \(activity.topics.joined(separator: ", "))"
            ].joined(separator: "\n")
            lines += [
                "BEGIN:VEVENT", "UID:\(activity.id.uuidString.lowercased())@jalon", "DTSTAMP:\(stamp)",
                "DTSTART;VALUE=DATE:\(start)", "DTEND;VALUE=DATE:\(end)",
                "SUMMARY:\(escape("\(activity.type.label) — \(activity.title)"))",
                "DESCRIPTION:\(escape(description))",
                "END:VEVENT"
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(
                of: ",", with: "\\,"
            )
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(
                of: "\r", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        var folded = ""
        var current = 0
        for character in line {
            let octets = String(character).utf8.count
            if current + octets > 75 {
                folded += "\r\n "
                current = 1
            }
            folded.append(character)
            current += octets
        }
        return folded
    }
}
