import Foundation
import JalonCore
import Vapor

/// `jalon roadmap template NAME [--region R32]`
struct RoadmapTemplateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "Modèle : segur-2021-2023")
        var name: String
        @Option(name: "region", help: "Région de la feuille de route (R32 par défaut)")
        var region: String?
    }

    var help: String {
        "Crée une feuille de route depuis un modèle livré avec Jalon (objectifs, fiches, actions, indicateurs, cibles)."
    }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let cliActor = try await context.actor()
            let summary = try await context.application.db.sqlTransaction { db in
                try await RoadmapTemplate.create(s.name, region: s.region ?? "R32", on: db, actor: cliActor)
            }
            context.console.output(summary.text.consoleText())
        }
    }
}

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
                var n = 0
                for (line, input) in rows {
                    do { if try await IndicatorService.upsert(input, on: db, actor: cliActor) { n += 1 } } catch let e
                        as ServiceError
                    {
                        throw ServiceError(kind: e.kind, message: "\(name), ligne \(line) : \(e.message)")
                    }
                }
                return n
            }
            context.console.output(
                "\(rows.count) indicateur(s) lu(s) dans \(name) : \(written) créé(s) ou modifié(s), \(rows.count - written) inchangé(s)."
                    .consoleText())
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
        @Flag(name: "json", help: "Sortie JSON (même objet que GET /api/progress)")
        var json: Bool
    }

    var help: String { "Avancement d'un indicateur pour un territoire et un couloir à une date." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        try await context.run {
            let db = context.sql
            guard let code = s.indicator, let indicator = try await IndicatorQuery.find(code, on: db) else {
                throw CommandFailure("Indicateur inconnu ou manquant « \(s.indicator ?? "") » (--indicator).")
            }
            guard let t = s.territory, let territory = try await TerritoryQuery.find(t, on: db) else {
                throw CommandFailure("Territoire inconnu ou manquant « \(s.territory ?? "") » (--territory).")
            }
            var couloir: Couloir?
            if let c = s.couloir {
                guard let parsed = Couloir(code: c) else { throw CommandFailure("Couloir inconnu « \(c) ».") }
                couloir = parsed
            }
            var at = Day.today()
            if let a = s.at {
                guard let d = Day(iso: a) else { throw CommandFailure("Date illisible « \(a) » (AAAA-MM-JJ attendu).") }
                at = d
            }
            let r = try await ProgressQuery.progress(
                indicator: indicator, territory: territory, couloir: couloir, at: at, on: db)
            if s.json {
                context.console.output(String(decoding: try ProgressJSON.data(r), as: UTF8.self).consoleText())
                return
            }
            let p = r.progress
            var lines = [
                "\(indicator.code) — \(indicator.definition.label)",
                "\(territory.name) (\(territory.code)), couloir \(r.couloir.rawValue), au \(Format.date(iso: at.iso))"
            ]
            lines.append(
                "Valeur : \(p.value.map { Self.show($0, indicator) } ?? "non renseignée")\(p.valueDate.map { " (\(Format.date(iso: $0.iso)))" } ?? "") — \(r.series.provenance)"
            )
            if let t = p.target {
                lines.append(
                    "Cible : \(t.value.number.map { Self.show($0, indicator) } ?? "\(t.value)") pour \(Milestone.label(t.due))"
                )
            }
            if let v = p.realisation { lines.append("Réalisation : \(Format.percent(v))") }
            if let v = p.projection {
                lines.append(
                    "Projection à l'échéance : \(Self.show(v, indicator))\(p.attainment.map { " — atteinte estimée \(Format.percent($0))" } ?? "")"
                )
            }
            lines.append("Statut : \(p.status.label)")
            if r.inconsistent, let rolled = r.rolledUp {
                lines.append(
                    "Incohérence : la somme des territoires qui le composent donne \(Self.show(rolled, indicator))")
            }
            context.console.output(lines.joined(separator: "\n").consoleText())
        }
    }

    static func show(_ v: Double, _ i: StoredIndicator) -> String {
        switch i.definition.kind {
        case .share, .rate: Format.percent(v, fractionDigits: 2)
        case .boolean: v != 0 ? "oui" : "non"
        case .count: Format.decimal(v, fractionDigits: 0)
        default: Format.decimal(v, fractionDigits: 2)
        }
    }
}
