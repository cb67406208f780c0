import JalonCore

/// The criteria of a structure list, as the structures page, its CSV export and the API read them.
struct StructureFilter: Sendable, Equatable {
    enum Status: String, Sendable, CaseIterable {
        case open = "ouvertes"
        case closed = "fermees"
        case all = "toutes"
    }
    enum Sort: String, Sendable, CaseIterable {
        case name = "nom"
        case finess, commune
        case category = "categorie"
        case couloir
        case opened = "ouverture"
    }

    var territory: String?
    var couloir: Couloir?
    var category: String?
    var status: Status = .open
    var text: String?
    var sort: Sort = .name
    var descending = false
    var page = 1
    var perPage = 50
}
