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

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let database = context.application.config.database
            do {
                try await BackupService.create(to: signature.file, database: database, on: context.sql)
            } catch let failure as BackupService.Failure {
                throw CommandFailure(failure.description)
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: signature.file)
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
            let counts = try await BackupService.counts(on: context.sql, database: database)
            let rows = Format.integer(counts.values.reduce(0, +))
            let kibibytes = Format.integer(size / 1024)
            context.console.output(
                "Sauvegarde \(signature.file) : \(kibibytes) Kio, \(counts.count) tables, \(rows) lignes.".consoleText()
            )
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

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let database = context.application.config.database
            let app = context.application
            do {
                try await BackupService.restore(from: signature.file, database: database) { app.db as! any SQLDatabase }
            } catch let failure as BackupService.Failure {
                throw CommandFailure(failure.description)
            }
            let counts = try await BackupService.counts(on: context.sql, database: database)
            let rows = Format.integer(counts.values.reduce(0, +))
            context.console.output(
                "Restauré depuis \(signature.file) : \(counts.count) tables, \(rows) lignes.".consoleText())
        }
    }
}
