/// How many took part in a meeting, per organisation, département and profile, as seed 003 reports
/// participation: for each value, the invited and those present or represented.
public struct Participation: Sendable, Equatable {
    public struct Attendee: Sendable, Equatable {
        public var presence: Presence
        public var organisation: String
        /// A contact may cover several départements, or none.
        public var departments: [String]
        public var profile: String

        public init(presence: Presence, organisation: String, departments: [String], profile: String) {
            self.presence = presence
            self.organisation = organisation
            self.departments = departments
            self.profile = profile
        }
    }

    public struct Count: Sendable, Equatable {
        public var label: String
        public var invited: Int
        public var attending: Int
    }

    public var byOrganisation: [Count]
    public var byDepartment: [Count]
    public var byProfile: [Count]
    public var invited: Int
    public var attending: Int

    public init(_ attendees: [Attendee]) {
        func tally(_ labels: (Attendee) -> [String]) -> [Count] {
            var counts: [String: Count] = [:]
            for attendee in attendees {
                let values = labels(attendee).map(\.trimmedSpaces).filter { !$0.isEmpty }
                for label in Set(values.isEmpty ? ["non renseigné"] : values) {
                    var count = counts[label] ?? Count(label: label, invited: 0, attending: 0)
                    count.invited += 1
                    if attendee.presence.attends { count.attending += 1 }
                    counts[label] = count
                }
            }
            return counts.values.sorted {
                ($0.label == "non renseigné" ? 1 : 0, $0.label) < ($1.label == "non renseigné" ? 1 : 0, $1.label)
            }
        }
        byOrganisation = tally { [$0.organisation] }
        byDepartment = tally(\.departments)
        byProfile = tally { [$0.profile] }
        invited = attendees.count
        attending = attendees.filter(\.presence.attends).count
    }
}

extension Presence {
    /// Present in person or through a representative.
    public var attends: Bool { self == .present || self == .represented }
}
