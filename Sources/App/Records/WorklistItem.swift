import Foundation
import JalonCore

/// An open structure still to reach, with the day it was last reached, if ever.
struct WorklistItem: Sendable, Equatable {
    var id: UUID
    var key: String
    var name: String
    var city: String
    var category: String
    var couloir: String
    var lastReached: Day?
}
