import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// A backup taken from a running database, restored into an empty one, gives back identical data.
@Suite(.serialized) struct BackupTests {
    /// Every row of a few tables, in a stable order, as text: what "identical" means below.
    static func fingerprint(_ db: any SQLDatabase) async throws -> String {
        struct StructureRow: Decodable {
            var id: UUID
            var name: String
            var couloir: String
        }
        struct ObservationRow: Decodable {
            var indicatorCode: String
            var subject: String
            var period: String
            var value: Double?
        }
        struct ActivityRow: Decodable {
            var id: UUID
            var title: String
            var date: String
        }
        let structures = try await db.select().columns("id", "name", "couloir").from("structures").orderBy("id")
            .all(decoding: StructureRow.self)
            .map { "\($0.id)|\($0.name)|\($0.couloir)" }
        let observations = try await db.select().columns("indicator_code", "subject", "period", "value")
            .from("observations").orderBy("indicator_code").orderBy("subject").orderBy("period")
            .all(decoding: ObservationRow.self, with: .snakeCase)
            .map { "\($0.indicatorCode)|\($0.subject)|\($0.period)|\($0.value.map { String($0) } ?? "-")" }
        let activities = try await db.select().columns("id", "title", "date").from("activities").orderBy("id")
            .all(decoding: ActivityRow.self)
            .map { "\($0.id)|\($0.title)|\($0.date)" }
        return (structures + observations + activities).joined(separator: "\n")
    }

    @Test(arguments: TestDB.all)
    func aBackupRestoresIntoAnEmptyDatabaseIdentically(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            try await app.createRoadmap()
            _ = try await app.importActivityJournal()
            _ = try await app.observe([.init(indicator: "O2-08", territory: "D59", period: "2022-05", value: "3")])
            let source = app.config.database
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "jalon-backup-\(UUID().uuidString).\(db == .sqlite ? "sqlite" : "dump")"
            ).path
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await BackupService.create(to: file, database: source, on: app.sql)
            // a second backup to the same file is refused, the first is untouched
            await #expect(throws: BackupService.Failure.self) {
                try await BackupService.create(to: file, database: source, on: app.sql)
            }
            let expectedCounts = try await BackupService.counts(on: app.sql, database: source)
            let expected = try await Self.fingerprint(app.sql)
            #expect(expectedCounts["activities"] == 3 && (expectedCounts["structures"] ?? 0) > 5)

            // an empty target: a new file, or a new PostgreSQL database
            let name =
                "jalon_restore_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
            let target: AppConfig.Database
            switch db {
            case .sqlite:
                target = .sqlite(
                    path: FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path)
            case .postgres:
                let url = try #require(TestDB.postgresURL)
                try TestDB.psql(url, "CREATE DATABASE \(name)")
                target = .postgres(url: TestDB.replaceDatabase(in: url, with: String(name)))
            }
            let restored = try await Application.make(.testing)
            restored.logger.logLevel = .warning
            try App.configure(
                restored,
                config: AppConfig(
                    database: target, port: 0, host: "127.0.0.1", dataFranceDirectory: "", publicDirectory: ""))
            do {
                try await BackupService.restore(from: file, database: target) { restored.db as! any SQLDatabase }
                #expect(
                    try await BackupService.counts(on: restored.db as! any SQLDatabase, database: target)
                        == expectedCounts)
                #expect(try await Self.fingerprint(restored.db as! any SQLDatabase) == expected)
                // restoring again over data is refused
                await #expect(throws: BackupService.Failure.self) {
                    try await BackupService.restore(from: file, database: target) { restored.db as! any SQLDatabase }
                }
            } catch {
                try? await restored.asyncShutdown()
                throw error
            }
            try await restored.asyncShutdown()
            switch target {
            case .sqlite(let path):
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            case .postgres: try? TestDB.psql(try #require(TestDB.postgresURL), "DROP DATABASE \(name)")
            case .sqliteMemory: break
            }
        }
    }
}
