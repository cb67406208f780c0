/// What an agenda item or a decision is about: a fiche of the roadmap, an indicator or a territory.
/// Funding programmes join the list when their register exists.
public enum MeetingSubjectKind: String, CaseIterable, Sendable, Codable {
    case fiche
    case indicator = "indicateur"
    case territory = "territoire"

    public var label: String {
        switch self {
        case .fiche: "Fiche"
        case .indicator: "Indicateur"
        case .territory: "Territoire"
        }
    }
}
