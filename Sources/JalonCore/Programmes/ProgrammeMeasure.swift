/// What an indicator computed from a funding programme's applications measures, written as text in indicator
/// files and templates: `programme:sun-es:candidats` (share of the eligible open structures of the indicator's
/// couloir that filed an application), `programme:sun-es:candidats-nombre` (their number),
/// `programme:sun-es:traites-4-mois` (share of the domains applied for that were decided within four months of
/// their window's closing), `programme:sun-es:consommation` (amounts validated over the envelope),
/// `programme:sun-es:finances` (structures with a domain validated), `programme:sun-es:cibles:Volet 1`
/// (share of the eligible structures whose usage targets are reached). A last part keeps one volet or one domain code.
public struct ProgrammeMeasure: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case applicantShare = "candidats"
        case applicantCount = "candidats-nombre"
        case treatedInTime = "traites-4-mois"
        case envelopeUsed = "consommation"
        case fundedCount = "finances"
        case targetsReachedShare = "cibles"
    }

    public var kind: Kind
    /// The programme's code, lower-cased as stored.
    public var programme: String
    /// A volet (`Volet 1`) or a domain code (`D2`) the measure keeps to; every domain when nil.
    public var scope: String?

    /// How long the instruction may take after a window closes, for `traites-4-mois` (seed 000's "T0 + 4 mois").
    public static let instructionMonths = 4

    public init(kind: Kind, programme: String, scope: String? = nil) {
        self.kind = kind
        self.programme = programme.lowercased()
        self.scope = scope
    }

    public init?(text raw: String) {
        let parts = raw.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        guard parts.count >= 3, parts[0].lowercased() == "programme", !parts[1].isEmpty,
            let kind = Kind(rawValue: parts[2].lowercased().folding(options: .diacriticInsensitive, locale: nil))
        else { return nil }
        let scope = parts.count == 4 && !parts[3].isEmpty ? parts[3] : nil
        self.init(kind: kind, programme: parts[1], scope: scope)
    }

    public var description: String {
        "programme:\(programme):\(kind.rawValue)" + (scope.map { ":" + $0 } ?? "")
    }

    /// Whether a domain of the programme counts (its code or its volet is the scope).
    public func keeps(domainCode: String, volet: String) -> Bool {
        guard let scope else { return true }
        return scope.caseInsensitiveCompare(domainCode) == .orderedSame
            || scope.caseInsensitiveCompare(volet) == .orderedSame
    }

    /// French, for pages: "calculé depuis les candidatures au programme sun-es : …".
    public var label: String {
        let within = scope.map { " (\($0))" } ?? ""
        return switch kind {
        case .applicantShare: "part des structures éligibles ayant déposé un dossier\(within)"
        case .applicantCount: "nombre de structures ayant déposé un dossier\(within)"
        case .treatedInTime:
            "part des dossiers traités dans les \(Self.instructionMonths) mois suivant la clôture de leur "
                + "fenêtre\(within)"
        case .envelopeUsed: "part de l'enveloppe engagée par les dossiers validés\(within)"
        case .fundedCount: "nombre de structures financées (au moins un domaine validé)\(within)"
        case .targetsReachedShare: "part des structures éligibles ayant atteint leurs cibles d'usage\(within)"
        }
    }
}
