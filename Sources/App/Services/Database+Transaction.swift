import Fluent
import SQLKit

extension Database {
    /// Runs `body` in one transaction with an SQLKit handle: every multi-row write goes through here.
    func sqlTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction { db in try await body(db as! any SQLDatabase) }
    }

    var sql: any SQLDatabase { self as! any SQLDatabase }
}

extension SQLDatabase {
    /// Inserts rows in batches small enough for SQLite's and PostgreSQL's bind limits.
    func insertBatched(into table: String, columns: [String], rows: [[any Encodable & Sendable]], onConflictIgnore: Bool = false) async throws {
        guard !rows.isEmpty else { return }
        let perBatch = max(1, 30_000 / max(columns.count, 1) / 2)
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perBatch)
            var insert = self.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert = insert.values(row.map { SQLBind($0) }) }
            if onConflictIgnore { insert = insert.ignoringConflicts() }
            try await insert.run()
            start = end
        }
    }
}
