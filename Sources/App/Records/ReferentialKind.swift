/// Which editable referential: each is a table of codes and labels.
enum ReferentialKind: String, CaseIterable, Sendable {
    case services, couloirs
    case organisations = "pilot_organisations"

    var label: String {
        switch self {
        case .services: "Services"
        case .couloirs: "Couloirs"
        case .organisations: "Organisations pilotes"
        }
    }

    var labelColumn: String { self == .organisations ? "name" : "label" }
}
