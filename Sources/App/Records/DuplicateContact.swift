import Foundation

/// A contact that looks like another: same e-mail, or same name at the same organisation or structure.
struct DuplicateContact: Sendable, Equatable {
    var keep: UUID
    var other: UUID
    var reason: String
}
