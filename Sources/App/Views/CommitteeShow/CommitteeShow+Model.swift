import JalonCore

/// `/comites/{code}`: a committee — what it is, its members, its meetings, its year's programme.
enum CommitteeShow {
    struct Contact: Sendable, Equatable {
        var id: String
        var label: String
    }

    struct Model: Sendable, Equatable {
        var committee: CommitteeQuery.Committee
        var territoryName: String?
        var members: [CommitteeQuery.Member]
        /// The directory's contacts who may join.
        var contacts: [Contact]
        var meetings: [MeetingQuery.Meeting]
        var nextYear: Int
        /// The fiches it follows, and those of the open roadmaps it may follow.
        var followed: [CommitteeQuery.Fiche] = []
        var fiches: [CommitteeQuery.Fiche] = []
        /// The decisions of its meetings still open, oldest meeting first.
        var openDecisions: [MeetingQuery.Decision] = []
        var feeds: [CalendarFeedQuery.Feed] = []
        /// The address of the feed just created: its token is shown this once.
        var newFeedURL: String? = nil
        var message: String? = nil
        var error: String? = nil
    }
}
