/// Where a meeting stands.
public enum MeetingStatus: String, CaseIterable, Sendable, Codable {
    case planned = "planifiee"
    case held = "tenue"
    case cancelled = "annulee"

    public var label: String {
        switch self {
        case .planned: "Planifiée"
        case .held: "Tenue"
        case .cancelled: "Annulée"
        }
    }
}
