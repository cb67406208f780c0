import JalonCore

enum TerritoryShow {
    struct Model: Sendable, Equatable {
        var territory: Territory
        var ancestors: [Territory]
        var children: [Territory]
        var childrenTitle: String
        var childrenTotal: Int
        var members: [Territory]
        var decoupage: Decoupage?
        var memberships: [TerritoryMembership]
        var openByCouloir: [String: Int]
        var communeCount: Int
        /// Changes of the territory's definition and of its targets, from the audit trail.
        var history: [AuditEvent] = []
    }
}
