import Foundation
import JalonCore
import SQLKit

/// Targets from a file (indicateur, territoire, couloir, echeance, cible, reference, date_reference and
/// feuille_de_route, the roadmap a target belongs to — empty for one shared by every roadmap)
/// and, through `ImportPipeline.write`, from the API. Targets are the région's: writing one needs
/// regional rights. Values go through `TargetService`, the one place that writes them.
struct TargetImporter: Importer {
    let kind = ImportKind.targets
    private var authorized = false

    /// A resolved target with the target as written, which the trail and the preview show.
    struct Line: Sendable {
        var target: TargetService.Resolved
        var written: String
    }

    struct Planned: Sendable {
        var line: Line
        var existing: TargetService.Existing?
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("indicateur", ["indicateur", "indicator"]), ("territoire", ["territoire", "territory"]),
        ("couloir", ["couloir", "sector", "secteur"]),
        ("echeance", ["echeance", "échéance", "due", "jalon"]), ("cible", ["cible", "target"]),
        ("reference", ["reference", "référence", "baseline"]),
        ("date_reference", ["date_reference", "date de reference", "baseline_on"]),
        ("feuille_de_route", ["feuille_de_route", "feuille de route", "roadmap"])
    ]

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<TargetService.Input>] {
        let table = try CanonicalTable.read(
            file.data, fileName: file.name, columns: Self.columns, sheet: file.options.sheet)
        for required in ["indicateur", "territoire", "echeance", "cible"] where !table.has(required) {
            throw ServiceError.invalid(
                "\(file.name), ligne 1 : colonne « \(required) » absente (colonnes attendues : indicateur, "
                    + "territoire, couloir, echeance, cible, reference).")
        }
        return table.rows.map { row in
            ImportLine(
                number: row.line,
                input: TargetService.Input(
                    indicator: table.cell(row, "indicateur") ?? "", territory: table.cell(row, "territoire") ?? "",
                    couloir: table.cell(row, "couloir"), due: table.cell(row, "echeance") ?? "",
                    target: table.cell(row, "cible") ?? "", baseline: table.cell(row, "reference"),
                    baselineOn: table.cell(row, "date_reference"), roadmap: table.cell(row, "feuille_de_route")))
        }
    }

    func resolve(_ input: TargetService.Input, on db: any SQLDatabase) async throws -> Line {
        Line(target: try await TargetService.resolve(input, on: db), written: input.target)
    }

    func keys(of line: Line) -> [ImportKey] {
        let target = line.target
        return [
            ImportKey(
                parts: [
                    target.roadmap, target.indicator.code, target.territory, target.couloir.rawValue, target.due.iso
                ],
                meaning: "même indicateur, territoire, couloir, échéance et feuille de route", field: "echeance")
        ]
    }

    mutating func authorize(_ line: Line, actor: Actor, on db: any SQLDatabase) async throws {
        guard !authorized else { return }
        try await actor.authorize(.regional, on: db)
        authorized = true
    }

    func plan(_ lines: [Line], on db: any SQLDatabase) async throws -> [Planned] {
        var plan: [Planned] = []
        for line in lines {
            let (existing, changed) = try await TargetService.existing(line.target, on: db)
            plan.append(
                Planned(
                    line: line, existing: existing, change: existing == nil ? .create : changed ? .update : .unchanged))
        }
        return plan
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func sample(of planned: Planned, line: Int) -> ImportReport.Sample? {
        let target = planned.line.target
        let definition = target.indicator.definition
        let before = planned.existing.flatMap {
            ProgressQuery.point(target.due.iso, $0.valueKind, $0.valueNumber, $0.valueText, $0.baseline, $0.baselineOn)
        }
        return ImportReport.Sample(
            line: line, indicator: target.indicator.code, subject: target.territory, couloir: target.couloir.rawValue,
            period: Milestone.label(target.due), before: before.map { IndicatorFormat.target($0, definition) },
            after: IndicatorFormat.target(TargetPoint(due: target.due, value: target.value), definition))
    }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        for planned in plan where planned.change != .unchanged {
            try await TargetService.write(
                planned.line.target, label: planned.line.written, provenance: stamp.provenance, batch: stamp.batch,
                on: db, actor: actor)
        }
    }
}
