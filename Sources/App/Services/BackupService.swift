import Foundation
import SQLKit

/// Backups a running Jalon can take and an empty database can be restored from:
/// - SQLite: `VACUUM INTO`, a consistent copy read from a snapshot inside SQLite, safe while serving;
///   restored by copying the file into place (the target must not exist yet, or be empty).
/// - PostgreSQL: `pg_dump --format=custom`, restored by `pg_restore` into an empty database.
enum BackupService {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func create(to path: String, database: AppConfig.Database, on db: any SQLDatabase) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path) existe déjà : choisissez un nouveau fichier de sauvegarde.")
        }
        switch database {
        case .sqlite:
            try await db.raw("VACUUM INTO \(literal: path)").run()
        case .sqliteMemory:
            throw Failure(description: "Une base SQLite en mémoire ne se sauvegarde pas.")
        case .postgres(let url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--file", path, "--dbname", libpqURL(url)])
        }
    }

    static func restore(
        from path: String, database: AppConfig.Database, on db: @escaping () async throws -> any SQLDatabase
    ) async throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw Failure(description: "\(path) : fichier de sauvegarde introuvable ou illisible.")
        }
        switch database {
        case .sqlite(let target):
            let size = (try? FileManager.default.attributesOfItem(atPath: target)[.size] as? NSNumber)?.intValue ?? 0
            guard size == 0 else {
                throw Failure(
                    description:
                        "La base \(target) n'est pas vide : restaurez dans une base neuve (autre JALON_DATABASE_URL).")
            }
            let header = (try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 16)) ?? nil
            guard header == Data("SQLite format 3\u{0}".utf8) else {
                throw Failure(description: "\(path) n'est pas une sauvegarde SQLite de Jalon.")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            try FileManager.default.copyItem(atPath: path, toPath: target)
        case .sqliteMemory:
            throw Failure(description: "Une base SQLite en mémoire ne se restaure pas.")
        case .postgres(let url):
            let tables = try await db().count(
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")
            guard tables == 0 else {
                throw Failure(
                    description:
                        "La base PostgreSQL cible n'est pas vide (\(tables) tables) : restaurez dans une base neuve.")
            }
            try run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", libpqURL(url), path])
        }
    }

    /// Rows per table, to show what a backup holds and to compare a restore with its source.
    static func counts(on db: any SQLDatabase, database: AppConfig.Database) async throws -> [String: Int] {
        struct TableNameRow: Decodable { var name: String }
        let tables: [String] =
            switch database {
            case .postgres:
                try await db.raw(
                    """
                    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'
                    ORDER BY table_name
                    """
                ).all(decoding: TableNameRow.self).map(\.name)
            default:
                try await db.raw(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                ).all(decoding: TableNameRow.self).map(\.name)
            }
        var out: [String: Int] = [:]
        for table in tables {
            out[table] = try await db.count("SELECT COUNT(*) AS n FROM \(ident: table)")
        }
        return out
    }

    /// libpq takes the URL without the query string our driver reads (`?tlsmode=`).
    static func libpqURL(_ url: String) -> String { String(url.split(separator: "?", maxSplits: 1).first ?? "") }

    static func run(_ tool: String, _ arguments: [String]) throws {
        let candidates =
            ["/usr/bin/\(tool)"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().reversed()
            .map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "\(tool) introuvable : installez le paquet Debian postgresql-client.")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let shown = message.trimmingCharacters(in: .whitespacesAndNewlines).prefix(400)
            throw Failure(description: "\(tool) a échoué (code \(process.terminationStatus)) : \(shown)")
        }
    }
}
