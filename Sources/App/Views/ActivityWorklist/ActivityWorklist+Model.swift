import JalonCore

/// Structures to reach: a territory and couloir, not reached since a date or not yet using a service.
enum ActivityWorklist {
    struct Model: Sendable {
        var territory: Territory?
        var territoryInput: String
        var couloir: Couloir
        var notSince: Day?
        var indicator: String?
        var indicators: [(code: String, label: String)]
        var items: [WorklistItem]
        var error: String?
    }
}
