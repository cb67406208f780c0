import Foundation
import JalonCore
import SQLKit
import Vapor

/// `jalon roadmap template NAME [--region R32]`
struct RoadmapTemplateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "Modèle : feuille-de-route-2023-2027 ou segur-2021-2023")
        var name: String
        @Option(name: "region", help: "Région de la feuille de route (R32 par défaut)")
        var region: String?
    }

    var help: String {
        "Crée une feuille de route depuis un modèle livré avec Jalon "
            + "(objectifs, fiches, actions, indicateurs, cibles)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let summary = try await context.application.db.sqlTransaction { db in
                try await RoadmapTemplate.create(
                    signature.name, region: signature.region ?? "R32", on: db, actor: cliActor)
            }
            context.console.output(summary.text.consoleText())
        }
    }
}

/// `jalon roadmap create CODE --title T --region R32 --start 2023-01-01 --end 2027-12-31 [--status en_cours]`
struct RoadmapCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route (ex. feuille-de-route-2028-2032-r32)")
        var code: String
        @Option(name: "title", help: "Titre")
        var title: String?
        @Option(name: "region", help: "Région (R32 par défaut)")
        var region: String?
        @Option(name: "start", help: "Début AAAA-MM-JJ")
        var start: String?
        @Option(name: "end", help: "Fin AAAA-MM-JJ")
        var end: String?
        @Option(name: "status", help: "en_preparation (par défaut), en_cours ou cloturee")
        var status: String?
    }

    var help: String { "Crée une feuille de route vide, à compléter dans les pages ou par un document." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let input = RoadmapService.Input(
                code: signature.code, title: signature.title ?? "", region: signature.region ?? "R32",
                startOn: signature.start ?? "", endOn: signature.end ?? "", status: signature.status ?? "")
            let created = try await context.application.db.sqlTransaction { db in
                try await RoadmapService.create(input, on: db, actor: cliActor)
            }
            context.console.output(
                "Feuille de route « \(created.code) » créée (\(created.status.label)).".consoleText())
        }
    }
}

/// `jalon roadmap list [--all]`
struct RoadmapListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "all", help: "Avec les feuilles de route archivées")
        var all: Bool
    }

    var help: String { "Liste les feuilles de route ; * marque la feuille de route en cours." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let roadmaps = try await RoadmapQuery.all(includingArchived: signature.all, on: context.sql)
            let current = RoadmapQuery.current(roadmaps.filter { !$0.archived }, today: Day.today())
            if roadmaps.isEmpty { context.console.output("Aucune feuille de route.".consoleText()) }
            for roadmap in roadmaps {
                let mark = roadmap.code == current?.code ? "*" : " "
                let archived = roadmap.archived ? ", archivée" : ""
                context.console.output(
                    "\(mark) \(roadmap.code)\t\(roadmap.name)\t\(roadmap.years)\t\(roadmap.status.label)\(archived)"
                        .consoleText())
            }
        }
    }
}

/// `jalon roadmap show CODE`
struct RoadmapShowCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route")
        var code: String
    }

    var help: String { "Montre une feuille de route : objectifs, fiches, indicateurs et actions." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let document = try await RoadmapCommands.document(signature.code, on: context.sql)
            context.console.output(
                "\(document.title) (\(document.code)) — \(document.startOn) → \(document.endOn), \(document.status)"
                    .consoleText())
            for objective in document.objectives {
                let priority = objective.priority.map { " [priorité \($0)]" } ?? ""
                context.console.output("Objectif \(objective.number)\(priority) — \(objective.title)".consoleText())
                for fiche in document.fiches where fiche.objective == objective.number {
                    context.console.output(
                        ("  Fiche \(fiche.code) — \(fiche.title) : \(fiche.indicators.count) indicateur(s), "
                            + "\(fiche.actions.count) action(s)").consoleText())
                }
            }
            for fiche in document.fiches where fiche.objective == nil {
                context.console.output("  Fiche \(fiche.code) — \(fiche.title) (sans objectif)".consoleText())
            }
        }
    }
}

/// `jalon roadmap archive CODE`
struct RoadmapArchiveCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route")
        var code: String
    }

    var help: String { "Archive une feuille de route : elle quitte les sélecteurs, son historique reste." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            try await context.application.db.sqlTransaction { db in
                try await RoadmapService.archive(signature.code, on: db, actor: cliActor)
            }
            context.console.output("Feuille de route « \(signature.code) » archivée.".consoleText())
        }
    }
}

/// `jalon roadmap export CODE [--output FILE]`
struct RoadmapExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route")
        var code: String
        @Option(name: "output", short: "o", help: "Fichier à écrire (sortie standard par défaut)")
        var output: String?
    }

    var help: String { "Exporte une feuille de route entière en un document JSON (relu par roadmap import)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let data = try await RoadmapCommands.document(signature.code, on: context.sql).encoded()
            if let output = signature.output {
                guard FileManager.default.createFile(atPath: output, contents: data + Data("\n".utf8)) else {
                    throw CommandFailure("\(output) : écriture impossible.")
                }
                context.console.output("Feuille de route « \(signature.code) » écrite dans \(output).".consoleText())
            } else {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
        }
    }
}

/// `jalon roadmap import FILE [--region R32]`
struct RoadmapImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Document JSON d'une feuille de route (roadmap export)")
        var file: String
        @Option(name: "region", help: "Région, pour un document qui n'en nomme pas (un modèle)")
        var region: String?
    }

    var help: String {
        "Crée ou met à jour une feuille de route depuis son document JSON, tout ou rien ; le relancer ne change rien."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(signature.file)
            let document: RoadmapDocument
            do { document = try RoadmapDocument.decode(data, file: name) } catch let error as RoadmapDocumentError {
                throw CommandFailure(error.description)
            }
            let summary = try await context.application.db.sqlTransaction { db in
                try await RoadmapDocumentService.write(
                    document, region: signature.region, file: name, on: db, actor: cliActor)
            }
            context.console.output(summary.text.consoleText())
        }
    }
}

enum RoadmapCommands {
    static func document(_ code: String, on db: any SQLDatabase) async throws -> RoadmapDocument {
        guard let roadmap = try await RoadmapQuery.find(code: code, on: db) else {
            throw CommandFailure("Feuille de route inconnue « \(code.prefix(60)) » (jalon roadmap list).")
        }
        return try await RoadmapDocumentService.document(roadmap, on: db)
    }
}
