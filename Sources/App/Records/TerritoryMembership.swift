/// A custom territory that contains all or part of another territory's communes.
struct TerritoryMembership: Sendable, Equatable, Codable {
    var territory: Territory
    /// Share of this territory's communes inside the custom territory: 1 = entirely inside.
    var communesInside: Int
    var communesTotal: Int
    var isComplete: Bool { communesInside == communesTotal }
}
