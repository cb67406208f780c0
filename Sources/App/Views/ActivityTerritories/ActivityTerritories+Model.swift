import JalonCore

/// The territorial view of the log: for a région, its départements and its custom territories —
/// actions and the share of open structures reached per couloir — and the actions per topic.
enum ActivityTerritories {
    struct Model: Sendable {
        var territory: Territory
        var rows: [(territory: Territory, actions: Int, reach: [Couloir: StructureReach])]
        var topics: [(topic: String, actions: Int)]
        var since: Day?
        var at: Day
        /// The départements coloured by the reach of `mapCouloir`, when the map asset is installed.
        var map: String?
        var mapCouloir: Couloir = .es
    }
}
