import Foundation

/// A file attached to an activity, as listed (its content is read only when downloaded).
struct ActivityAttachment: Sendable, Equatable, Decodable {
    var id: UUID
    var fileName: String
    var size: Int
}
