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

    static let cli = Actor(name: "cli")
    static let system = Actor(name: "système")
}
