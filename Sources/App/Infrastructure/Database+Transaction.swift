import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

extension Database {
    /// Runs `body` in one transaction with an SQLKit handle: every multi-row write goes through here.
    func sqlTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    {
        guard self is any SQLiteDatabase, !inTransaction else {
            return try await transaction { db in try await body(db as! any SQLDatabase) }
        }
        // On SQLite, the statement journal of each multi-row INSERT and the pages a large transaction
        // cannot keep in cache go to temporary files by default: keep them in memory (set on the
        // connection, before its transaction begins, since SQLite refuses it inside one).
        return try await withConnection { conn in
            let sql = conn as! any SQLDatabase
            try await sql.raw("PRAGMA temp_store = MEMORY").run()
            try await sql.raw("PRAGMA cache_size = -131072").run()
            // IMMEDIATE takes the write lock at once, waiting for another writer to finish. A deferred
            // transaction reads first, then asks for the lock: if another connection is committing meanwhile,
            // SQLite answers "database is locked" at once rather than wait, as the two could deadlock.
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    var sql: any SQLDatabase { self as! any SQLDatabase }
}

extension SQLDatabase {
    /// Inserts rows in batches small enough for SQLite's and PostgreSQL's bind limits.
    func insertBatched(
        into table: String, columns: [String], rows: [[any Encodable & Sendable]], onConflictIgnore: Bool = false
    ) async throws {
        guard !rows.isEmpty else { return }
        let perBatch = max(1, 30_000 / max(columns.count, 1) / 2)
        // SQLite binds up to 32 766 values per statement: fewer, larger statements to prepare.
        if let sqlite = self as? any SQLiteDatabase,
            let done = try await sqlite.insertDirect(
                into: table, columns: columns, rows: rows, perBatch: max(1, 32_000 / max(columns.count, 1)),
                orIgnore: onConflictIgnore), done
        {
            return
        }
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

extension SQLiteDatabase {
    /// Multi-row INSERTs bound straight to SQLite values, without SQLKit's serializer and Codable
    /// encoders — a million-row import spends more there than in SQLite itself. Values are stored
    /// exactly as SQLiteKit stores them (UUID as upper-case text, Date as seconds since 1970, Bool as
    /// 0/1). Returns nil, having written nothing, when a value is of another type: the caller then
    /// takes the general path.
    func insertDirect(
        into table: String, columns: [String], rows: [[any Encodable & Sendable]], perBatch: Int, orIgnore: Bool
    ) async throws -> Bool? {
        var converted: [[SQLiteData]] = []
        converted.reserveCapacity(rows.count)
        for row in rows {
            var out: [SQLiteData] = []
            out.reserveCapacity(row.count)
            for value in row {
                guard let stored = Self.sqliteValue(value) else { return nil }
                out.append(stored)
            }
            converted.append(out)
        }
        let head =
            (orIgnore ? "INSERT OR IGNORE INTO " : "INSERT INTO ") + "\"\(table)\" ("
            + columns.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES "
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < converted.count {
            let end = min(converted.count, start + perBatch)
            let sql = head + Array(repeating: tuple, count: end - start).joined(separator: ", ")
            try await query(sql, Array(converted[start..<end].joined())) { _ in }
            start = end
        }
        return true
    }

    static func sqliteValue(_ value: any Encodable & Sendable) -> SQLiteData? {
        switch value {
        case let text as String: .text(text)
        case let uuid as UUID: .text(uuid.upperText)
        case let number as Double: .float(number)
        case let integer as Int: .integer(integer)
        case let flag as Bool: .integer(flag ? 1 : 0)
        case let date as Date: .float(date.timeIntervalSince1970)
        case let optional as any OptionalValue: optional.isNone ? .null : nil
        default: nil
        }
    }
}

/// Tells a nil inside an existential apart (a present value was already unwrapped by the casts above).
protocol OptionalValue { var isNone: Bool { get } }
extension Optional: OptionalValue { var isNone: Bool { self == nil } }
