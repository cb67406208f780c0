/// The list of the roadmap's indicators.
enum IndicatorIndex {
    struct Model: Sendable, Equatable {
        var indicators: [StoredIndicator]
    }
}
