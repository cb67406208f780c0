import Foundation
import JalonCore

/// `/comites/reunions/{id}`: one meeting — when and where, its agenda, attendance, minutes and decisions,
/// with the decisions still open from the committee's earlier meetings.
enum MeetingShow {
    struct Model: Sendable, Equatable {
        var meeting: MeetingQuery.Meeting
        var committee: CommitteeQuery.Committee
        var agenda: [MeetingQuery.AgendaItem]
        var attendance: [MeetingQuery.Attendee]
        var decisions: [MeetingQuery.Decision]
        var openBefore: [MeetingQuery.Decision]
        var message: String? = nil
        var error: String? = nil

        /// Present or represented members per organisation, as the seeds report participation.
        var presentByOrganisation: [(String, Int)] {
            let present = attendance.filter {
                [Presence.present.rawValue, Presence.represented.rawValue].contains($0.presence)
            }
            return Dictionary(grouping: present, by: { $0.organisation ?? "—" }).map { ($0.key, $0.value.count) }
                .sorted { $0.0 < $1.0 }
        }

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.meeting == rhs.meeting && lhs.committee == rhs.committee && lhs.agenda == rhs.agenda
                && lhs.attendance == rhs.attendance && lhs.decisions == rhs.decisions
                && lhs.openBefore == rhs.openBefore && lhs.message == rhs.message && lhs.error == rhs.error
        }
    }
}
