import SQLKit

extension EntryEdit {
    /// The empty forms, with the indicators to choose from.
    static func query(on db: any SQLDatabase) async throws -> Model {
        Model(indicators: try await IndicatorQuery.all(on: db))
    }
}
