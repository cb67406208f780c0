import Foundation
import JalonCore
import Vapor

/// `jalon roadmap objective CODE NUMBER [--number N] [--title T] [--priority P | --no-priority]`
struct RoadmapObjectiveCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route")
        var code: String
        @Argument(name: "objective", help: "Numéro de l'objectif à modifier")
        var objective: String
        @Option(name: "number", help: "Nouveau numéro (1 à 99)")
        var newNumber: String?
        @Option(name: "title", help: "Nouveau titre")
        var title: String?
        @Option(name: "priority", help: "Nouvelle priorité (1 à 9)")
        var priority: String?
        @Flag(name: "no-priority", help: "Retire la priorité")
        var noPriority: Bool
    }

    var help: String {
        "Renumérote un objectif, change son titre ou sa priorité ; les options absentes gardent leur valeur."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let number = try RoadmapStructureCommands.integer(signature.objective, label: "Numéro d'objectif")
            let newNumber = try signature.newNumber.map {
                try RoadmapStructureCommands.integer($0, label: "Numéro d'objectif")
            }
            if signature.noPriority && signature.priority != nil {
                throw CommandFailure("Choisissez --priority ou --no-priority, pas les deux.")
            }
            let priority = try signature.priority.map { try RoadmapStructureCommands.integer($0, label: "Priorité") }
            let written = try await context.application.db.sqlTransaction { db in
                let before = try await RoadmapService.objective(roadmap: signature.code, number: number, on: db)
                try await RoadmapService.updateObjective(
                    roadmap: signature.code, number: number, newNumber: newNumber ?? before.number,
                    title: signature.title ?? before.title,
                    priority: signature.noPriority ? nil : priority ?? before.priority, version: nil, on: db,
                    actor: cliActor)
                return try await RoadmapService.objective(
                    roadmap: signature.code, number: newNumber ?? before.number, on: db)
            }
            let priorityText = written.priority.map { "priorité \($0)" } ?? "sans priorité"
            context.console.output(
                ("Objectif \(number) de « \(signature.code) » modifié : "
                    + "\(written.number). \(written.title) (\(priorityText)).").consoleText())
        }
    }
}

/// `jalon roadmap fiche CODE FICHE [--title T] [--service S | --no-service] [--objective N | --no-objective]`
struct RoadmapFicheCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route")
        var code: String
        @Argument(name: "fiche", help: "Code de la fiche")
        var fiche: String
        @Option(name: "title", help: "Nouveau titre")
        var title: String?
        @Option(name: "service", help: "Service de la fiche (DMP, MSS…)")
        var service: String?
        @Flag(name: "no-service", help: "Retire le service")
        var noService: Bool
        @Option(name: "objective", help: "Numéro de l'objectif de la fiche")
        var objective: String?
        @Flag(name: "no-objective", help: "Détache la fiche de son objectif")
        var noObjective: Bool
    }

    var help: String {
        "Change le titre d'une fiche, son service ou son objectif ; les options absentes gardent leur valeur."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            if signature.noService && signature.service != nil {
                throw CommandFailure("Choisissez --service ou --no-service, pas les deux.")
            }
            if signature.noObjective && signature.objective != nil {
                throw CommandFailure("Choisissez --objective ou --no-objective, pas les deux.")
            }
            let objective = try signature.objective.map {
                try RoadmapStructureCommands.integer($0, label: "Numéro d'objectif")
            }
            let written = try await context.application.db.sqlTransaction { db in
                var edit = try await RoadmapService.ficheEdit(roadmap: signature.code, fiche: signature.fiche, on: db)
                if let title = signature.title { edit.title = title }
                if signature.noService {
                    edit.service = nil
                } else if let service = signature.service {
                    edit.service = service
                }
                if signature.noObjective { edit.objective = nil } else if let objective { edit.objective = objective }
                try await RoadmapService.updateFiche(
                    roadmap: signature.code, fiche: signature.fiche, edit, version: nil, on: db, actor: cliActor)
                return try await RoadmapService.ficheEdit(roadmap: signature.code, fiche: signature.fiche, on: db)
            }
            let service = written.service.map { "service \($0)" } ?? "sans service"
            let objectiveText = written.objective.map { "objectif \($0)" } ?? "sans objectif"
            context.console.output(
                ("Fiche « \(signature.fiche) » de « \(signature.code) » modifiée : "
                    + "\(written.title) (\(service), \(objectiveText)).").consoleText())
        }
    }
}

/// `jalon roadmap move-fiche CODE FICHE up|down` (or `haut|bas`)
struct RoadmapMoveFicheCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code de la feuille de route")
        var code: String
        @Argument(name: "fiche", help: "Code de la fiche")
        var fiche: String
        @Argument(name: "direction", help: "up (haut) ou down (bas)")
        var direction: String
    }

    var help: String { "Monte ou descend une fiche d'un rang dans l'ordre de la feuille de route." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let offset = try RoadmapService.moveOffset(signature.direction)
            try await context.application.db.sqlTransaction { db in
                try await RoadmapService.moveFiche(
                    roadmap: signature.code, fiche: signature.fiche, offset: offset, version: nil, on: db,
                    actor: cliActor)
            }
            let moved = offset < 0 ? "montée" : "descendue"
            context.console.output(
                "Fiche « \(signature.fiche) » de « \(signature.code) » \(moved) d'un rang.".consoleText())
        }
    }
}

enum RoadmapStructureCommands {
    /// A whole number typed on the command line, or the French refusal naming it.
    static func integer(_ text: String, label: String) throws -> Int {
        guard let value = Int(text.trimmedSpaces) else {
            throw CommandFailure("\(label) illisible « \(text.prefix(20)) » : un nombre entier est attendu.")
        }
        return value
    }
}
