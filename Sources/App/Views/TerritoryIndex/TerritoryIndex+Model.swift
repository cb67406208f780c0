enum TerritoryIndex {
    struct Model: Sendable, Equatable {
        struct Region: Sendable, Equatable {
            var region: Territory
            var departements: [Territory]
        }
        var france: Territory?
        var regions: [Region]
        var decoupages: [Decoupage]
        var search: String?
        var results: [Territory]
        /// The referential the roadmap is steered on, counted.
        var counts = ReferentialCounts()
    }

    struct ReferentialCounts: Sendable, Equatable {
        var regions = 0
        var departements = 0
        var communes = 0
        var customTerritories = 0
        var openByCouloir: [String: Int] = [:]
        var structuresTotal: Int { openByCouloir.values.reduce(0, +) }
    }
}
