import JalonCore

enum HomeIndex {
    struct Model: Sendable, Equatable {
        var regions: Int
        var departements: Int
        var communes: Int
        var customTerritories: Int
        var decoupages: [Decoupage]
        var openByCouloir: [String: Int]
        var structuresTotal: Int { openByCouloir.values.reduce(0, +) }
        var demoRegion: Territory?
    }
}
