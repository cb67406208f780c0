/// Where a roadmap stands: written, steered, or closed and kept for its history.
public enum RoadmapStatus: String, Sendable, Codable, CaseIterable {
    case preparing = "en_preparation"
    case running = "en_cours"
    case closed = "cloturee"

    public var label: String {
        switch self {
        case .preparing: "en préparation"
        case .running: "en cours"
        case .closed: "clôturée"
        }
    }

    /// Reads the stored value or what a person types ("en cours", "Clôturée", "en_preparation").
    public init?(parsing raw: String) {
        let folded = raw.trimmingCharacters(in: .whitespaces).lowercased()
            .folding(options: .diacriticInsensitive, locale: nil)
            .replacingOccurrences(of: " ", with: "_")
        switch folded {
        case "en_preparation", "preparation": self = .preparing
        case "en_cours", "cours": self = .running
        case "cloturee", "close", "closed": self = .closed
        default: return nil
        }
    }
}
