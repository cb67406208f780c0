import Foundation
import JalonCore
import Vapor

/// `jalon import observations FILE [--dry-run]`
struct ImportObservationsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV d'observations (indicateur;territoire;couloir;periode;valeur…), .csv ou .csv.gz")
        var file: String
        @Flag(name: "dry-run", help: "Aperçu : dit ce qui serait créé, modifié, inchangé ou rejeté, sans rien écrire")
        var dryRun: Bool
    }

    var help: String { "Importe des observations (aperçu avec --dry-run ; validation en une transaction, lot annulable)." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let (data, name) = try context.readFile(s.file)
            let report = try await context.application.db.sqlTransaction { db in
                s.dryRun ? try await ObservationImport.preview(data, fileName: name, on: db).report
                         : try await ObservationImport.commit(data, fileName: name, on: db, actor: .cli)
            }
            context.console.output(((s.dryRun ? "Aperçu (rien n'est écrit)\n" : "") + report.text).consoleText())
        }
    }
}

/// `jalon import undo BATCH`
struct ImportUndoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "batch", help: "Identifiant du lot (ou ses 8 premiers caractères, voir jalon import list)")
        var batch: String
    }

    var help: String { "Annule un lot d'import : rétablit les valeurs remplacées et supprime les valeurs créées." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            guard let batch = try await ObservationImport.find(s.batch, on: context.sql) else { throw CommandFailure("Lot inconnu « \(s.batch) » (voir jalon import list).") }
            let r = try await context.application.db.sqlTransaction { db in try await ObservationImport.undo(batch, on: db, actor: .cli) }
            context.console.output("Lot \(batch.id.uuidString.prefix(8).lowercased()) (\(batch.file_name)) annulé : \(r.restored) valeurs rétablies, \(r.deleted) supprimées\(r.keptBecauseChangedSince > 0 ? ", \(r.keptBecauseChangedSince) laissées car modifiées depuis" : "").".consoleText())
        }
    }
}

/// `jalon import list`
struct ImportListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Liste les lots d'import." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let batches = try await ObservationImport.batches(on: context.sql)
            if batches.isEmpty { context.console.output("Aucun lot d'import.".consoleText()) }
            for b in batches {
                context.console.output("\(b.id.uuidString.prefix(8).lowercased())\t\(Format.date(b.created_at))\t\(b.status)\t\(b.file_name)\t\(b.created) créées, \(b.updated) modifiées, \(b.rejected) rejetées\t\(b.actor)".consoleText())
            }
        }
    }
}

/// `jalon import targets FILE [--dry-run]`
struct ImportTargetsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV de cibles (indicateur;territoire;couloir;echeance;cible;reference), .csv ou .csv.gz")
        var file: String
        @Flag(name: "dry-run", help: "Aperçu sans rien écrire")
        var dryRun: Bool
    }

    var help: String { "Importe des cibles (aperçu avec --dry-run ; lot annulable)." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let (data, name) = try context.readFile(s.file)
            let report = try await context.application.db.sqlTransaction { db in
                s.dryRun ? try await TargetImport.preview(data, fileName: name, on: db).report
                         : try await TargetImport.commit(data, fileName: name, on: db, actor: .cli)
            }
            context.console.output(((s.dryRun ? "Aperçu (rien n'est écrit)\n" : "") + report.text).consoleText())
        }
    }
}
