import Foundation
import JalonCore

/// A roadmap as lists, selectors and the steering pages need it.
struct Roadmap: Sendable, Equatable, Codable {
    var id: UUID
    var code: String
    var name: String
    var regionCode: String?
    var startOn: String
    var endOn: String
    var status: RoadmapStatus
    var archived: Bool
    var version: Int

    /// "2023 – 2027".
    var years: String { "\(startOn.prefix(4)) – \(endOn.prefix(4))" }

    func covers(_ day: Day) -> Bool { startOn <= day.iso && day.iso <= endOn }
}
