import Foundation
import JalonCore

/// Meetings as iCalendar events: timed in Paris, the agenda in the description, the place and the video
/// link, cancelled ones marked so, the version as the sequence so that calendars take every change.
enum MeetingCalendarExport {
    static func event(
        _ meeting: MeetingQuery.Meeting, committee: CommitteeQuery.Committee, agenda: [MeetingQuery.AgendaItem] = [],
        origin: String = ""
    ) -> ICalendar.Event {
        let day = Day(iso: meeting.day) ?? Day(1970, 1, 1)
        let parts = meeting.startTime.split(separator: ":").compactMap { Int($0) }
        let start = ICalendar.paris(day, hour: parts.first ?? 9, minute: parts.count > 1 ? parts[1] : 0)
        let lines =
            agenda.map { "\($0.durationMinutes) min — \($0.title)" + ($0.speakers.isEmpty ? "" : " (\($0.speakers))") }
            + (meeting.videoUrl.isEmpty ? [] : ["Visioconférence : \(meeting.videoUrl)"])
        return ICalendar.Event(
            uid: "reunion-\(meeting.id.uuidString.lowercased())@jalon",
            time: .timed(start, start.addingTimeInterval(Double(meeting.durationMinutes) * 60)),
            summary: committee.name,
            description: ((agenda.isEmpty ? [] : ["Ordre du jour :"]) + lines).joined(separator: "\n"),
            location: meeting.place.isEmpty ? meeting.videoUrl : meeting.place,
            url: origin.isEmpty ? "" : origin + SiteURL.meeting(meeting.id.uuidString.lowercased()).path,
            cancelled: meeting.status == MeetingStatus.cancelled.rawValue, sequence: meeting.version)
    }

    static func ics(
        name: String, _ meetings: [(MeetingQuery.Meeting, CommitteeQuery.Committee)],
        agenda: [MeetingQuery.AgendaItem] = [],
        origin: String = "", method: String = "PUBLISH", now: Date = Date()
    ) -> String {
        ICalendar.document(
            name: name, product: "Comités",
            events: meetings.map {
                event($0.0, committee: $0.1, agenda: meetings.count == 1 ? agenda : [], origin: origin)
            },
            method: method, stamp: now)
    }
}
