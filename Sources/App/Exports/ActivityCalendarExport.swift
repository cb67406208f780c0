import Foundation
import JalonCore

/// The upcoming activities as an iCalendar feed that calendars subscribe to: all-day events.
enum ActivityCalendarExport {
    static func ics(_ rows: [ActivityRow], now: Date = Date()) -> String {
        ICalendar.document(
            name: "Jalon — activités à venir", product: "Journal des activités",
            events: rows.map { activity in
                ICalendar.Event(
                    uid: "\(activity.id.uuidString.lowercased())@jalon",
                    time: .allDay(activity.date, activity.date.addingDays(1)),
                    summary: "\(activity.type.label) — \(activity.title)",
                    description: [
                        "Territoires : \(activity.territories.joined(separator: ", "))",
                        "Organisateurs : \(activity.organisers.joined(separator: ", "))",
                        "Thèmes : \(activity.topics.joined(separator: ", "))"
                    ].joined(separator: "\n"))
            }, stamp: now)
    }
}
