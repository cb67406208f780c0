import Foundation

/// A découpage: a named set of custom territories drawn on a région (TAN, GHT zones, CPTS…).
struct Decoupage: Sendable, Equatable, Codable {
    var id: UUID
    var code: String
    var name: String
    var regionCode: String?
    var description: String
}
