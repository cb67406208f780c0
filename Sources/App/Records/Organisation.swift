import Foundation

/// An organisation of the directory (a CPAM, a GHT, an editor…) with the territories it covers.
struct Organisation: Sendable, Equatable {
    var id: UUID
    var code, name, kind: String
    var territories: [String]
}
