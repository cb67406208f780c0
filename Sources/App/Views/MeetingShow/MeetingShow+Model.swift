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
        /// Raised in this meeting, and still open from the earlier ones.
        var attention: [MeetingQuery.AttentionPoint] = []
        var participation = Participation([])
        /// The packs generated for the meeting, newest first, and the photos one may be made from.
        var packs: [PackQuery.Pack] = []
        var photos: [ValidatedSnapshot] = []
        /// Minutes not yet approved are read by those who may write the committee only.
        var draftReadable = true
        var mail = Mail()
        var message: String? = nil
        var error: String? = nil

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.meeting == rhs.meeting && lhs.committee == rhs.committee && lhs.agenda == rhs.agenda
                && lhs.attendance == rhs.attendance && lhs.decisions == rhs.decisions
                && lhs.openBefore == rhs.openBefore && lhs.attention == rhs.attention
                && lhs.participation == rhs.participation && lhs.packs == rhs.packs
                && lhs.photos == rhs.photos && lhs.draftReadable == rhs.draftReadable && lhs.mail == rhs.mail
                && lhs.message == rhs.message
                && lhs.error == rhs.error
        }
    }

    /// Invitations by e-mail: whether a server is configured, what the next sending is, to whom, and the
    /// sendings so far.
    struct Mail: Sendable, Equatable {
        var configured = false
        var next: InvitationKind = .invitation
        var writable = 0
        /// Invited contacts without an address or without consent.
        var skipped: [String] = []
        var mailings: [MeetingQuery.Mailing] = []
    }
}
