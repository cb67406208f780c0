import Foundation
import JalonCore

/// Who performs a write: recorded in the audit trail (name, address) and asked by the services
/// before each write (grant). The command line and the system act with the operator's grant:
/// whoever can run `jalon` on the server can already open the database.
struct Actor: Sendable, Equatable {
    var name: String
    /// The client address, for the audit trail; nil on the command line.
    var address: String? = nil
    var grant: Grant = .operator_
    var userID: UUID? = nil
    /// An administrator's explicit override of a locked period, with its reason (audited).
    var override: String? = nil

    /// The same actor with an override reason as it is kept: trimmed, at most 500 characters; a
    /// blank reason is no override.
    func overriding(_ reason: String?) -> Actor {
        var actor = self
        actor.override = Self.overrideReason(reason)
        return actor
    }

    static func overrideReason(_ raw: String?) -> String? {
        guard let reason = raw?.trimmedSpaces, !reason.isEmpty else { return nil }
        return String(reason.prefix(500))
    }

    static let cli = Actor(name: "cli")
    static let system = Actor(name: "système")
}
