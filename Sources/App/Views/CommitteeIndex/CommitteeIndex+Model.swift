import Foundation
import JalonCore

/// `/comites`: the register of committees and the calendar of the year's meetings, committee by month.
enum CommitteeIndex {
    struct Entry: Sendable, Equatable {
        var committee: CommitteeQuery.Committee
        var territoryName: String?
        var members: Int
        var nextMeeting: String?
    }

    struct Planned: Sendable, Equatable {
        var id: UUID
        var day: Day
        var startTime: String
        var committeeCode: String
        var committeeName: String
        var status: MeetingStatus
    }

    struct Model: Sendable, Equatable {
        var year: Int
        var entries: [Entry]
        var meetings: [Planned]
        var message: String? = nil
        var error: String? = nil
    }
}
