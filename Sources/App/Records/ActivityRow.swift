import Foundation
import JalonCore

/// One activity as lists and timelines show it: what, when, how many it reached, where and by whom.
struct ActivityRow: Sendable, Equatable {
    var id: UUID
    var date: Day
    var type: ActivityType
    var title: String
    var participants: Int?
    var reached: Int
    var territories: [String] = []
    var organisers: [String] = []
    var topics: [String] = []
}
