/// Whether an invited member came, as committees record attendance.
public enum Presence: String, CaseIterable, Sendable, Codable {
    case invited = "invite"
    case present
    case excused = "excuse"
    case absent
    case represented = "represente"

    public var label: String {
        switch self {
        case .invited: "Invité"
        case .present: "Présent"
        case .excused: "Excusé"
        case .absent: "Absent"
        case .represented: "Représenté"
        }
    }
}

/// A meeting's minutes: none yet, a draft written in the meeting, then approved — and locked.
public enum MinutesStatus: String, CaseIterable, Sendable, Codable {
    case none
    case draft = "brouillon"
    case approved = "approuve"

    public var label: String {
        switch self {
        case .none: "Pas de compte rendu"
        case .draft: "Brouillon"
        case .approved: "Approuvé"
        }
    }
}

/// Where a decision stands in the "relevé de décisions".
public enum DecisionStatus: String, CaseIterable, Sendable, Codable {
    case open = "ouverte"
    case done = "realisee"
    case dropped = "abandonnee"

    public var label: String {
        switch self {
        case .open: "Ouverte"
        case .done: "Réalisée"
        case .dropped: "Abandonnée"
        }
    }
}

/// What a point of attention raised in a meeting is: needs, blocking points and successes reported from
/// the field, and risks, as seeds 000 and 001 list them.
public enum AttentionKind: String, CaseIterable, Sendable, Codable {
    case need = "besoin"
    case blocking = "blocage"
    case success = "reussite"
    case risk = "risque"

    public var label: String {
        switch self {
        case .need: "Besoin"
        case .blocking: "Point bloquant"
        case .success: "Réussite"
        case .risk: "Risque"
        }
    }
}
