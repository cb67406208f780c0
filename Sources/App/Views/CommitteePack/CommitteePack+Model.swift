import Foundation
import JalonCore

/// A committee pack: the meeting's deck made from a validated photo — cover, agenda, the indicator tables
/// per objective, focus pages, the territory comparison, the decisions to review, the points of attention,
/// what changed since the previous committee's photo and "vos interlocuteurs" — laid out as landscape
/// slides for print and PDF, and as tables for XLSX.
enum CommitteePack {
    struct Objective: Sendable, Equatable {
        var number: Int
        var title: String
        var rows: [IndicatorLine]
    }

    /// One line of an objective's table, as the seeds print it.
    struct IndicatorLine: Sendable, Equatable {
        var service, secteur, code, label, target, source, value, status, statusLabel: String
    }

    struct PreviousPhoto: Sendable, Equatable {
        var name: String
        var asOf: Day
        var changes: PhotoChanges
    }

    struct Model: Sendable, Equatable {
        var committee: CommitteeQuery.Committee
        var meeting: MeetingQuery.Meeting
        var photo: ValidatedSnapshot
        var roadmapName: String
        var territoryName: String
        var template: PackTemplate
        var agenda: [MeetingQuery.AgendaItem]
        var objectives: [Objective]
        var focus: [IndicatorShow.Model]
        var comparison: ComparisonShow.Model?
        var decisions: [MeetingQuery.Decision]
        var attention: [MeetingQuery.AttentionPoint]
        /// Nil when the committee has no earlier pack to compare with.
        var previous: PreviousPhoto?
        var interlocutors: [CommitteeQuery.Interlocutor]

        var title: String { "\(committee.name) — \(Format.date(iso: meeting.day))" }

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.committee == rhs.committee && lhs.meeting == rhs.meeting && lhs.photo == rhs.photo
                && lhs.template == rhs.template && lhs.agenda == rhs.agenda && lhs.objectives == rhs.objectives
                && lhs.focus == rhs.focus && lhs.comparison == rhs.comparison && lhs.decisions == rhs.decisions
                && lhs.attention == rhs.attention && lhs.previous == rhs.previous
                && lhs.interlocutors == rhs.interlocutors
        }
    }
}
