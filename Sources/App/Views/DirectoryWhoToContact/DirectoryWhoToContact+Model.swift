import Foundation

/// Who to contact, territory by territory of a découpage, and which CPAM covers which territory.
enum DirectoryWhoToContact {
    struct Model: Sendable, Equatable {
        var decoupage: String
        var territories: [Territory]
        /// territory code → its contacts.
        var contacts: [String: [Contact]]
        var cpams: [Organisation]
        /// CPAM id → the codes of the territories it covers.
        var covers: [UUID: Set<String>]
    }
}
