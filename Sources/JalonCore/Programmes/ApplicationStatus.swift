/// Where an application stands for one domain, in the order a dossier goes through: filed, under instruction,
/// then validated (and later its usage targets reached, then paid off) or refused, postponed to a later window
/// or abandoned.
public enum ApplicationStatus: String, CaseIterable, Sendable, Codable {
    case filed = "depose"
    case instruction = "en-instruction"
    case validated = "valide"
    case refused = "refuse"
    case postponed = "reporte"
    case targetsReached = "cibles-atteintes"
    case settled = "solde"
    case abandoned = "abandonne"

    public var label: String {
        switch self {
        case .filed: "Déposé"
        case .instruction: "En instruction"
        case .validated: "Validé"
        case .refused: "Refusé"
        case .postponed: "Reporté"
        case .targetsReached: "Cibles atteintes"
        case .settled: "Soldé"
        case .abandoned: "Abandonné"
        }
    }

    /// How far along the dossier is: a move to a lower step goes backwards and needs a reason.
    public var step: Int {
        switch self {
        case .filed: 0
        case .instruction: 1
        case .validated, .refused, .postponed, .abandoned: 2
        case .targetsReached: 3
        case .settled: 4
        }
    }

    /// Validated, and everything that follows a validation.
    public var isValidated: Bool { [.validated, .targetsReached, .settled].contains(self) }

    /// A decision taken on the dossier (validated or after, refused, postponed, abandoned).
    public var isDecided: Bool { step >= 2 }

    /// Changing from `self` to `next` goes backwards (a validated domain back to instruction, a refusal turned
    /// into a validation): the change needs its reason written down.
    public func isBackwards(to next: ApplicationStatus) -> Bool {
        next.step < step || (step == 2 && next.step == 2 && next != self)
    }

    /// The status as files write it: `validé`, `Validé`, `en instruction`, `reporté`, `Accepté` (Démarches
    /// Simplifiées), `sans suite`…
    public init?(french text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
        let synonyms: [String: ApplicationStatus] = [
            "depose": .filed, "deposee": .filed, "en construction": .filed, "en instruction": .instruction,
            "valide": .validated, "validee": .validated, "accepte": .validated, "acceptee": .validated,
            "refuse": .refused, "refusee": .refused, "reporte": .postponed, "reportee": .postponed,
            "cibles atteintes": .targetsReached, "solde": .settled, "soldee": .settled, "abandonne": .abandoned,
            "abandonnee": .abandoned, "sans suite": .abandoned, "classe sans suite": .abandoned
        ]
        guard let status = synonyms[folded] else { return nil }
        self = status
    }
}
