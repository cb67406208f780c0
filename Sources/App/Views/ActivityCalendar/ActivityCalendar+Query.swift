import JalonCore
import SQLKit

extension ActivityCalendar {
    /// The activities of the month of `month`.
    static func query(month: Day, on db: any SQLDatabase) async throws -> Model {
        var filter = ActivityFilter()
        filter.from = Day(month.year, month.month, 1)
        filter.to = Day.endOfMonth(month.year, month.month)
        filter.perPage = 2_000
        let rows = try await ActivityQuery.page(filter, on: db).rows.sorted {
            ($0.date, $0.title) < ($1.date, $1.title)
        }
        return Model(month: month, rows: rows)
    }
}
