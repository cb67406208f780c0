import Foundation
import JalonCore

/// A Jalon account as stored (its rights beyond the role are in `Grant`).
struct UserAccount: Sendable, Equatable, Decodable {
    var id: UUID
    var email: String
    var name: String
    var role: String
    var active: Bool
    var version: Int
    var passwordHash: String
    var createdAt: Date
    var passwordChangedAt: Date

    var roleValue: Role { Role(rawValue: role) ?? .lecteur }
}
