/// The sections a committee pack may hold, as the seeds' decks lay them out. The pilote picks some and
/// orders them; the choice is the committee's pack template.
public enum PackSection: String, CaseIterable, Sendable, Codable {
    case cover = "couverture"
    case agenda = "ordre-du-jour"
    case indicators = "indicateurs"
    case focus
    case comparison = "comparaison"
    case decisions = "decisions"
    case attention = "points-d-attention"
    case changes = "evolutions"
    case contacts = "interlocuteurs"

    public var label: String {
        switch self {
        case .cover: "Couverture"
        case .agenda: "Ordre du jour"
        case .indicators: "Indicateurs par objectif"
        case .focus: "Focus sur des indicateurs"
        case .comparison: "Comparaison des territoires"
        case .decisions: "Relevé de décisions"
        case .attention: "Points d'attention"
        case .changes: "Évolutions depuis le comité précédent"
        case .contacts: "Vos interlocuteurs"
        }
    }
}

/// A committee's pack template: its sections in order and the indicators given a focus page, stored as
/// text (`couverture, ordre-du-jour, indicateurs` and `O1-01, O3-09`).
public struct PackTemplate: Sendable, Equatable {
    public var sections: [PackSection]
    public var focus: [String]

    public init(sections: [PackSection], focus: [String] = []) {
        var seen = Set<PackSection>()
        self.sections = sections.filter { seen.insert($0).inserted }
        var codes = Set<String>()
        self.focus = focus.map(\.trimmedSpaces).filter { !$0.isEmpty && codes.insert($0).inserted }
    }

    /// The seeds' usual deck: every section, cover first.
    public static let standard = PackTemplate(sections: PackSection.allCases)

    /// A stored template; an empty text is the standard one, and unknown names are left out.
    public static func parse(sections: String, focus: String) -> PackTemplate {
        let names = sections.split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return PackTemplate(sections: standard.sections, focus: codes(focus)) }
        return PackTemplate(sections: names.compactMap(PackSection.init(rawValue:)), focus: codes(focus))
    }

    static func codes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }

    public var sectionsText: String { sections.map(\.rawValue).joined(separator: ", ") }
    public var focusText: String { focus.joined(separator: ", ") }
}
