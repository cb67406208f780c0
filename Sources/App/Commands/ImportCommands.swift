import Foundation
import JalonCore
import Vapor

/// `jalon import observations FILE [--profile P] [--set champ=valeur]… [--sheet S] [--dry-run]` and `jalon import targets FILE`.
struct ImportCSVCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Fichier CSV (.csv, .csv.gz) ou classeur .xlsx, colonnes reconnues par leur nom")
        var file: String
        @Option(name: "profile", help: "Profil d'import qui lit ce fichier (voir jalon profile list)")
        var profile: String?
        @Option(
            name: "set",
            help:
                "Réponse à un paramètre du profil, champ=valeur (ex. periode=2022-02) ; séparez plusieurs réponses par des virgules"
        )
        var set: String?
        @Option(name: "sheet", help: "Feuille du classeur .xlsx (la première par défaut)")
        var sheet: String?
        @Flag(name: "dry-run", help: "Aperçu : dit ce qui serait créé, modifié, inchangé ou rejeté, sans rien écrire")
        var dryRun: Bool
        @Option(name: "override", help: "Motif d'une dérogation au verrouillage des périodes validées (journalisée)")
        var override: String?
    }

    let kind: ImportKind

    var help: String {
        switch kind {
        case .observations:
            "Importe des observations (indicateur;territoire;couloir;periode;valeur…) ; aperçu avec --dry-run ; lot annulable."
        case .targets:
            "Importe des cibles (indicateur;territoire;couloir;echeance;cible;reference) ; aperçu avec --dry-run ; lot annulable."
        case .dhis2:
            "Importe un data value set DHIS2 (CSV dataelement,period,orgunit,…) à travers les correspondances de codes ; lot annulable."
        case .adx: "Importe un message ADX (XML IHE QRPH) à travers les correspondances de codes ; lot annulable."
        }
    }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(s.file)
            let options = ImportOptions(
                profile: s.profile,
                settings: try ImportOptions.settings((s.set ?? "").split(separator: ",").map(String.init)),
                sheet: s.sheet)
            let report = try await context.application.db.sqlTransaction { db in
                try await kind.run(
                    data, fileName: name, options: options, dryRun: s.dryRun, on: db,
                    actor: cliActor.overriding(s.override))
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
            let cliActor = try await context.actor()
            guard let batch = try await ObservationImport.find(s.batch, on: context.sql) else {
                throw CommandFailure("Lot inconnu « \(s.batch) » (voir jalon import list).")
            }
            let r = try await context.application.db.sqlTransaction { db in
                try await ObservationImport.undo(batch, on: db, actor: cliActor)
            }
            context.console.output(
                "Lot \(batch.id.uuidString.prefix(8).lowercased()) (\(batch.file_name)) annulé : \(r.restored) valeurs rétablies, \(r.deleted) supprimées\(r.keptBecauseChangedSince > 0 ? ", \(r.keptBecauseChangedSince) laissées car modifiées depuis" : "")."
                    .consoleText())
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
                context.console.output(
                    "\(b.id.uuidString.prefix(8).lowercased())\t\(Format.date(b.created_at))\t\(b.status)\t\(b.file_name)\t\(b.created) créées, \(b.updated) modifiées, \(b.rejected) rejetées\t\(b.actor)"
                        .consoleText())
            }
        }
    }
}

/// `jalon import codes FILE`: the mapping of codes with DHIS2 / ADX partners.
struct ImportCodesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV type;code_jalon;code_externe (type : indicateur, territoire ou couloir)")
        var file: String
    }
    var help: String { "Remplace les correspondances de codes utilisées par les échanges DHIS2 et ADX." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(s.file)
            let n = try await context.application.db.sqlTransaction { db in
                try await ExchangeCodes.replace(with: data, fileName: name, on: db, actor: cliActor)
            }
            context.console.output("\(n) correspondances de codes enregistrées.".consoleText())
        }
    }
}

/// `jalon import activities FILE`
struct ImportActivitiesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help:
                "CSV date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs (listes séparées par |)"
        )
        var file: String
    }
    var help: String {
        "Importe un journal d'activités (toutes les lignes ou aucune ; une ligne déjà importée ne change rien)."
    }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(s.file)
            let summary = try await context.application.db.sqlTransaction { db in
                try await ActivityImport.run(data, fileName: name, on: db, actor: cliActor)
            }
            context.console.output(summary.text.consoleText())
        }
    }
}
