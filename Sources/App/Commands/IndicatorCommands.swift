import Foundation
import JalonCore
import Vapor

/// `jalon import indicators FILE` — code;libelle;service;couloir;source;type;nature;regle;sens;format;formule
struct ImportIndicatorsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV code;libelle;service;couloir;source;type;nature;regle;sens;format;formule")
        var file: String
    }

    var help: String { "Crée ou met à jour des indicateurs depuis un CSV, tout ou rien." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let (data, name) = try context.readFile(signature.file)
            let rows = try IndicatorService.parseCSV(data, fileName: name)
            let written = try await context.application.db.sqlTransaction { db in
                var written = 0
                for (line, input) in rows {
                    do {
                        if try await IndicatorService.upsert(input, on: db, actor: cliActor) { written += 1 }
                    } catch let error as ServiceError {
                        throw ServiceError(kind: error.kind, message: "\(name), ligne \(line) : \(error.message)")
                    }
                }
                return written
            }
            context.console.output(
                ("\(rows.count) indicateur(s) lu(s) dans \(name) : \(written) créé(s) ou modifié(s), "
                    + "\(rows.count - written) inchangé(s).").consoleText())
        }
    }
}

/// `jalon progress --indicator CODE --territory CODE [--couloir C] [--at AAAA-MM-JJ] [--json]`
struct ProgressCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "indicator", help: "Code de l'indicateur")
        var indicator: String?
        @Option(name: "territory", help: "Code du territoire")
        var territory: String?
        @Option(name: "couloir", help: "Couloir (par défaut celui de l'indicateur)")
        var couloir: String?
        @Option(name: "at", help: "Date AAAA-MM-JJ (par défaut aujourd'hui)")
        var at: String?
        @Option(name: "roadmap", help: "Feuille de route dont les cibles comptent (par défaut la feuille en cours)")
        var roadmap: String?
        @Flag(name: "json", help: "Sortie JSON (même objet que GET /api/progress)")
        var json: Bool
    }

    var help: String { "Avancement d'un indicateur pour un territoire et un couloir à une date." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.run {
            let db = context.sql
            guard let code = signature.indicator, let indicator = try await IndicatorQuery.find(code, on: db) else {
                throw CommandFailure("Indicateur inconnu ou manquant « \(signature.indicator ?? "") » (--indicator).")
            }
            guard let code = signature.territory, let territory = try await TerritoryQuery.find(code, on: db) else {
                throw CommandFailure("Territoire inconnu ou manquant « \(signature.territory ?? "") » (--territory).")
            }
            var couloir: Couloir?
            if let raw = signature.couloir {
                guard let parsed = Couloir(code: raw) else { throw CommandFailure("Couloir inconnu « \(raw) ».") }
                couloir = parsed
            }
            var at = Day.today()
            if let raw = signature.at {
                guard let day = Day(iso: raw) else {
                    throw CommandFailure("Date illisible « \(raw) » (AAAA-MM-JJ attendu).")
                }
                at = day
            }
            let roadmap = try await RoadmapQuery.chosen(signature.roadmap, today: Day.today(), on: db)
            let result = try await ProgressQuery.progress(
                indicator: indicator, territory: territory, couloir: couloir, at: at, roadmap: roadmap?.code, on: db)
            if signature.json {
                context.console.output(String(decoding: try ProgressJSON.data(result), as: UTF8.self).consoleText())
                return
            }
            let progress = result.progress
            var lines = [
                "\(indicator.code) — \(indicator.definition.label)",
                "\(territory.name) (\(territory.code)), couloir \(result.couloir.rawValue), "
                    + "au \(Format.date(iso: at.iso))"
            ]
            let value = progress.value.map { Self.show($0, indicator) } ?? "non renseignée"
            let valueDate = progress.valueDate.map { " (\(Format.date(iso: $0.iso)))" } ?? ""
            lines.append("Valeur : \(value)\(valueDate) — \(result.series.provenance)")
            if let target = progress.target {
                let shown = target.value.number.map { Self.show($0, indicator) } ?? "\(target.value)"
                lines.append("Cible : \(shown) pour \(Milestone.label(target.due))")
            }
            if let realisation = progress.realisation { lines.append("Réalisation : \(Format.percent(realisation))") }
            if let projection = progress.projection {
                let attainment = progress.attainment.map { " — atteinte estimée \(Format.percent($0))" } ?? ""
                lines.append("Projection à l'échéance : \(Self.show(projection, indicator))\(attainment)")
            }
            lines.append("Statut : \(progress.status.label)")
            if result.inconsistent, let rolled = result.rolledUp {
                lines.append(
                    "Incohérence : la somme des territoires qui le composent donne \(Self.show(rolled, indicator))")
            }
            context.console.output(lines.joined(separator: "\n").consoleText())
        }
    }

    static func show(_ value: Double, _ indicator: StoredIndicator) -> String {
        switch indicator.definition.kind {
        case .share, .rate: Format.percent(value, fractionDigits: 2)
        case .boolean: value != 0 ? "oui" : "non"
        case .count: Format.decimal(value, fractionDigits: 0)
        default: Format.decimal(value, fractionDigits: 2)
        }
    }
}
