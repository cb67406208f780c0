import Foundation

/// An iCalendar document (RFC 5545) that calendars import or subscribe to: text escaped, lines folded at
/// 75 octets, CRLF line ends, times in UTC.
public enum ICalendar {
    public enum Time: Sendable, Equatable {
        /// From the first day to the day after the last (DTEND is exclusive).
        case allDay(Day, Day)
        case timed(Date, Date)
    }

    public struct Event: Sendable, Equatable {
        public var uid: String
        public var time: Time
        public var summary: String
        public var description: String
        public var location: String
        public var url: String
        public var cancelled: Bool
        /// Bumped at each change, so that a calendar replaces its copy.
        public var sequence: Int
        /// Who invites and who is invited, for an invitation sent by e-mail (iTIP `REQUEST` or `CANCEL`).
        public var organizer: MailMessage.Address?
        public var attendees: [MailMessage.Address]

        public init(
            uid: String, time: Time, summary: String, description: String = "", location: String = "", url: String = "",
            cancelled: Bool = false, sequence: Int = 0, organizer: MailMessage.Address? = nil,
            attendees: [MailMessage.Address] = []
        ) {
            self.uid = uid
            self.time = time
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.cancelled = cancelled
            self.sequence = sequence
            self.organizer = organizer
            self.attendees = attendees
        }
    }

    /// `method`: `PUBLISH` for a feed or a download, `REQUEST` or `CANCEL` for an invitation.
    public static func document(
        name: String, product: String, events: [Event], method: String = "PUBLISH", stamp: Date
    ) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jalon//\(product)//FR", "CALSCALE:GREGORIAN",
            "METHOD:\(method)", "X-WR-CALNAME:\(escape(name))"
        ]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:\(event.uid)", "DTSTAMP:\(utc(stamp))"]
            switch event.time {
            case .allDay(let first, let end):
                lines += ["DTSTART;VALUE=DATE:\(compact(first))", "DTEND;VALUE=DATE:\(compact(end))"]
            case .timed(let start, let end): lines += ["DTSTART:\(utc(start))", "DTEND:\(utc(end))"]
            }
            lines += ["SEQUENCE:\(event.sequence)", "SUMMARY:\(escape(event.summary))"]
            if !event.description.isEmpty { lines.append("DESCRIPTION:\(escape(event.description))") }
            if !event.location.isEmpty { lines.append("LOCATION:\(escape(event.location))") }
            if !event.url.isEmpty { lines.append("URL:\(event.url)") }
            if let organizer = event.organizer {
                lines.append("ORGANIZER;CN=\(commonName(organizer)):mailto:\(organizer.email)")
            }
            for attendee in event.attendees {
                lines.append(
                    "ATTENDEE;CN=\(commonName(attendee));ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:"
                        + attendee.email)
            }
            lines += ["STATUS:\(event.cancelled ? "CANCELLED" : "CONFIRMED")", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A parameter value is quoted and may not hold a double quote (RFC 5545, 3.1).
    static func commonName(_ person: MailMessage.Address) -> String {
        let name = person.name.isEmpty ? person.email : person.name
        return "\"" + name.filter { $0 != "\"" && !$0.isNewline } + "\""
    }

    /// A local time in Paris, where committees sit, as the instant it is.
    public static func paris(_ day: Day, hour: Int, minute: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
        return calendar.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
            ?? Date(timeIntervalSince1970: 0)
    }

    static func compact(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
            parts.second!)
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
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
