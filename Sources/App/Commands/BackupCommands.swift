import Foundation
import JalonCore
import SQLKit
import Vapor

/// `jalon backup create FILE`
struct BackupCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help: "Fichier de sauvegarde à créer (SQLite : copie de la base ; PostgreSQL : format pg_dump)")
        var file: String
    }
    var help: String { "Sauvegarde la base, même pendant que Jalon sert (copie cohérente)." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let database = context.application.config.database
            do { try await BackupService.create(to: s.file, database: database, on: context.sql) } catch let f
                as BackupService.Failure
            { throw CommandFailure(f.description) }
            let size = (try? FileManager.default.attributesOfItem(atPath: s.file)[.size] as? NSNumber)?.intValue ?? 0
            let counts = try await BackupService.counts(on: context.sql, database: database)
            context.console.output(
                "Sauvegarde \(s.file) : \(Format.integer(size / 1024)) Kio, \(counts.count) tables, \(Format.integer(counts.values.reduce(0, +))) lignes."
                    .consoleText())
        }
    }
}

/// `jalon backup restore FILE`
struct BackupRestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Fichier de sauvegarde (créé par jalon backup create)")
        var file: String
    }
    var help: String { "Restaure une sauvegarde dans une base vide (celle de JALON_DATABASE_URL)." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let database = context.application.config.database
            let app = context.application
            do {
                try await BackupService.restore(from: s.file, database: database) { app.db as! any SQLDatabase }
            } catch let f as BackupService.Failure {
                throw CommandFailure(f.description)
            }
            let counts = try await BackupService.counts(on: context.sql, database: database)
            context.console.output(
                "Restauré depuis \(s.file) : \(counts.count) tables, \(Format.integer(counts.values.reduce(0, +))) lignes."
                    .consoleText())
        }
    }
}
