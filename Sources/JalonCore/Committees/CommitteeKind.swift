/// The kinds of committee the seeds' comitologies name.
public enum CommitteeKind: String, CaseIterable, Sendable, Codable {
    case crns, cotan, copil
    case coordination
    case thematic = "thematique"
    case project = "projet"
    case college
    case ethics = "ethique"
    case other = "autre"

    public var label: String {
        switch self {
        case .crns: "CRNS (comité régional du numérique en santé)"
        case .cotan: "COTAN (comité territorial d'animation)"
        case .copil: "COPIL"
        case .coordination: "Cellule de coordination"
        case .thematic: "Comité thématique"
        case .project: "Comité projet"
        case .college: "Collège"
        case .ethics: "Comité éthique"
        case .other: "Autre instance"
        }
    }

    /// A COTAN animates one territory (its TAN): it cannot be created without it.
    public var needsTerritory: Bool { self == .cotan }
}
