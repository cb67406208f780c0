import SQLKit

extension ActivityIndex {
    /// The filter's page of activities, most recent first, with the totals over every page.
    static func query(_ filter: ActivityFilter, on db: any SQLDatabase) async throws -> Model {
        let (rows, totals) = try await ActivityQuery.page(filter, on: db)
        return Model(filter: filter, rows: rows, totals: totals)
    }
}
