import JalonCore

enum StructureIndex {
    struct Model: Sendable, Equatable {
        var filter: StructureFilter
        var page: StructurePage
        var territory: Territory?
        var unknownTerritory: String?
        var categories: [FinessCategory]
    }
}

extension StructureFilter {
    /// The query string that reproduces this filter (for links, pagination and the CSV export).
    func query(page: Int? = nil) -> [(String, String?)] {
        [
            ("territoire", territory), ("couloir", couloir?.rawValue), ("categorie", category),
            ("statut", status == .open ? nil : status.rawValue), ("q", text),
            ("tri", sort == .name ? nil : sort.rawValue), ("ordre", descending ? "desc" : nil),
            ("page", page.map(String.init))
        ]
    }
}
