import Foundation

/// A contact of the directory with his organisation or structure, roles and territories.
struct Contact: Sendable, Equatable {
    var id: UUID
    var civility, firstName, lastName, function, email, phone: String
    var roles: [String]
    var organisation: String?
    var structure: String?
    var territories: [String]
    var mailingConsent: Bool
    var name: String { [civility, firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
}
