import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Writes from two connections at once — two requests, or a pack being generated while someone edits a
/// meeting — wait for each other instead of failing with "database is locked".
@Suite struct TransactionTests {
    @Test(arguments: TestDB.all)
    func concurrentTransactionsThatReadThenWriteBothCommit(db: TestDB) async throws {
        try await db.withApp { app in
            // Setup: two handles on two event loops, hence two connections of the pool.
            let loops = Array(app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "deux boucles d'événements attendues")
            let first = app.databases.database(logger: app.logger, on: loops[0])!
            let second = app.databases.database(logger: app.logger, on: loops[1])!
            /// Reads, waits while the other transaction reads too, then writes: the shape of every service.
            @Sendable func readThenWrite(_ database: any Database, _ key: String) async throws {
                try await database.sqlTransaction { db in
                    _ = try await db.raw("SELECT COUNT(*) AS n FROM audit_events").all()
                    try await Task.sleep(for: .milliseconds(200))
                    try await AuditService.record(
                        db, actor: .cli, action: "update", objectType: "test", objectID: key, summary: key)
                }
            }
            // Act
            async let one: Void = readThenWrite(first, "premier")
            async let two: Void = readThenWrite(second, "second")
            _ = try await (one, two)
            // Check
            let written = try await app.sql.raw("SELECT COUNT(*) AS n FROM audit_events WHERE object_type = 'test'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(written == 2)
        }
    }
}
