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
    }
}
