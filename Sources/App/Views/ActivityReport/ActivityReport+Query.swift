import JalonCore
import SQLKit

extension ActivityReport {
    /// Every organiser's actions between `from` and `to` (each bound optional).
    static func query(from: Day?, to: Day?, on db: any SQLDatabase) async throws -> Model {
        Model(rows: try await ActivityQuery.report(from: from, to: to, on: db), from: from, to: to)
    }
}
