import JalonCore

/// An indicator as stored: its engine definition plus display settings.
struct StoredIndicator: Sendable, Equatable {
    var definition: IndicatorDefinition
    var unit: String
    var periodicity: String
    var code: String { definition.code }
}
