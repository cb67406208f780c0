import Foundation
import JalonCore
import SQLKit
import Vapor

/// `jalon programme install CODE`: installs a shipped programme (SUN-ES…) or updates it to the shipped dates.
struct ProgrammeInstallCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Programme type (sun-es…)")
        var code: String
    }

    var help: String {
        "Installe un programme national livré avec Jalon : " + ProgrammeService.templates.joined(separator: ", ")
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let actor = try await context.actor()
            let definition = try ProgrammeService.template(signature.code)
            let created = try await context.application.db.sqlTransaction { db in
                try await ProgrammeService.save(definition, reason: "Programme type livré", on: db, actor: actor)
            }
            context.console.output(
                "Programme « \(definition.name) » \(created ? "installé" : "mis à jour") : \(definition.windows.count) "
                    .consoleText() + "fenêtre(s), \(definition.domains.count) domaine(s).".consoleText())
        }
    }
}

/// `jalon programme list`
struct ProgrammeListCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Liste les programmes de financement suivis." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let model = try await ProgrammeIndex.query(on: context.sql)
            if model.entries.isEmpty { context.console.output("Aucun programme.".consoleText()) }
            for entry in model.entries {
                context.console.output(
                    "\(entry.programme.code)\t\(entry.programme.name)\t\(entry.windows) fenêtre(s)\t".consoleText()
                        + "\(entry.applications) candidature(s)".consoleText())
            }
        }
    }
}

/// `jalon programme show CODE [--window N]`: the per-domain table of the programme's page, as text.
struct ProgrammeShowCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "Code du programme")
        var code: String
        @Option(name: "window", help: "Numéro de fenêtre (toutes par défaut)")
        var window: Int?
    }

    var help: String { "Montre un programme : fenêtres et candidatures par domaine (éligibles, déposées, validées)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            guard
                let model = try await ProgrammeShow.query(
                    signature.code, window: signature.window, today: Day.today(), on: context.sql)
            else { throw CommandFailure("Programme inconnu « \(signature.code.prefix(40)) ».") }
            var lines = [model.programme.name]
            for window in model.windows {
                lines.append(
                    "Fenêtre \(window.number)\t\(window.opensOn ?? "…") – \(window.closesOn ?? "…")\t"
                        + window.phase(on: model.today))
            }
            lines.append("Domaine\tÉligibles\tDéposées\tValidées\tRefusées\tReportées\tEngagé")
            for row in model.table.domains {
                lines.append(
                    [
                        row.domain.label, Format.integer(row.eligible),
                        "\(Format.integer(row.filed)) (\(ProgrammeShow.rate(row.filedRate)))",
                        "\(Format.integer(row.validated)) (\(ProgrammeShow.rate(row.validatedRate)))",
                        Format.integer(row.refused), Format.integer(row.postponed), Money.french(row.committedCents)
                    ].joined(separator: "\t"))
            }
            for line in lines { context.console.output(line.consoleText()) }
        }
    }
}
