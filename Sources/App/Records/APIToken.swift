import Foundation

/// An API token as listed: never its secret, which is stored only as a digest.
struct APIToken: Sendable, Equatable, Decodable {
    var id: UUID
    var userID: UUID
    var name: String
    var role: String
    var territories: String
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
}
