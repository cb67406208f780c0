import SQLKit

extension IndicatorIndex {
    static func query(on db: any SQLDatabase) async throws -> Model {
        Model(indicators: try await IndicatorQuery.all(on: db))
    }
}
