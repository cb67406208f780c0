import Foundation
import JalonCore
import Vapor

/// `jalon import KIND FILE [--profile P] [--set champ=valeur,…] [--sheet S] [--dry-run] [--override MOTIF]`
/// for every kind of `ImportPipeline`: observations, targets, dhis2, adx, activities, organisations,
/// contacts, codes.
struct ImportFileCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Fichier CSV (.csv, .csv.gz) ou classeur .xlsx, colonnes reconnues par leur nom")
        var file: String
        @Option(name: "profile", help: "Profil d'import qui lit ce fichier (voir jalon profile list)")
        var profile: String?
        @Option(
            name: "set",
            help: "Réponse à un paramètre du profil, champ=valeur (ex. periode=2022-02) ; "
                + "séparez plusieurs réponses par des virgules")
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
            "Importe des observations (indicateur;territoire;couloir;periode;valeur…) ; aperçu avec --dry-run ; "
                + "lot annulable."
        case .targets:
            "Importe des cibles (indicateur;territoire;couloir;echeance;cible;reference) ; aperçu avec --dry-run ; "
                + "lot annulable."
        case .dhis2:
            "Importe un data value set DHIS2 (CSV dataelement,period,orgunit,…) à travers les correspondances de "
                + "codes ; lot annulable."
        case .adx: "Importe un message ADX (XML IHE QRPH) à travers les correspondances de codes ; lot annulable."
        case .activities:
            "Importe un journal d'activités (date;type;titre;themes;couloirs;territoires;structures;participants;"
                + "organisateurs, listes séparées par |) : toutes les lignes ou aucune ; une ligne déjà importée "
                + "ne change rien."
        case .organisations:
            "Importe des organisations de l'annuaire (code;nom;type;territoires) : toutes les lignes ou aucune."
        case .contacts:
            "Importe des contacts de l'annuaire (civilite;prenom;nom;fonction;organisation;structure;email;"
                + "telephone;roles;territoires;consentement) : toutes les lignes ou aucune."
        case .codes:
            "Remplace les correspondances de codes des échanges DHIS2 et ADX (type;code_jalon;code_externe, type : "
                + "indicateur, territoire ou couloir)."
        case .applications:
            "Importe des candidatures aux programmes de financement (programme;fenetre;structure;grappe;domaine;"
                + "statut;date_statut;montant;montant_signature;montant_cibles;reference;motif) : toutes les lignes "
                + "ou aucune ; lot annulable."
        case .flags:
            "Importe les drapeaux des structures que lisent les règles d'éligibilité des programmes (structure;"
                + "drapeau, ex. PMSI, CRO, BIO, RADIO) : un drapeau cité est porté par exactement les structures "
                + "listées ; toutes les lignes ou aucune."
        case .grappes:
            "Importe les grappes d'un programme (programme;grappe;nom;structure;porteur, une ligne par structure, "
                + "le porteur marqué oui) : toutes les lignes ou aucune ; une grappe citée reçoit exactement les "
                + "structures listées."
        }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(signature.file)
            let options = ImportOptions(
                profile: signature.profile,
                settings: try ImportOptions.settings((signature.set ?? "").split(separator: ",").map(String.init)),
                sheet: signature.sheet)
            let file = ImportFile(name: name, data: data, options: options)
            let report = try await context.application.db.sqlTransaction { db in
                try await kind.run(
                    file, mode: signature.dryRun ? .preview : .commit, on: db,
                    actor: cliActor.overriding(signature.override))
            }
            var text = (signature.dryRun ? "Aperçu (rien n'est écrit)\n" : "") + report.text
            if kind == .codes, !signature.dryRun { text += "\n\(report.read) correspondances de codes enregistrées." }
            context.console.output(text.consoleText())
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

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            guard let batch = try await ImportBatch.find(signature.batch, on: context.sql) else {
                throw CommandFailure("Lot inconnu « \(signature.batch) » (voir jalon import list).")
            }
            let report = try await context.application.db.sqlTransaction { db in
                try await batch.undo(on: db, actor: cliActor)
            }
            context.console.output(
                "Lot \(batch.shortID) (\(batch.fileName)) annulé : \(report.text).".consoleText())
        }
    }
}

/// `jalon import list`
struct ImportListCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Liste les lots d'import." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let batches = try await ImportBatch.all(on: context.sql)
            if batches.isEmpty { context.console.output("Aucun lot d'import.".consoleText()) }
            for batch in batches {
                let columns = [
                    batch.shortID, Format.date(batch.createdAt), batch.status, batch.fileName,
                    "\(batch.created) créées, \(batch.updated) modifiées, \(batch.rejected) rejetées", batch.actor
                ]
                context.console.output(columns.joined(separator: "\t").consoleText())
            }
        }
    }
}
