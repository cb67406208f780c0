import JalonCore

/// An indicator as stored: its engine definition plus display settings.
struct StoredIndicator: Sendable, Equatable {
    var definition: IndicatorDefinition
    var unit: String
    var periodicity: String
    /// The code of the indicator shown with this one in the same cell (INSi users with the calls); `""` for none.
    var companion: String = ""
    var code: String { definition.code }
}
