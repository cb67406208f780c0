import Foundation
import JalonCore
import SQLKit

/// The targets CSV (indicateur, territoire, couloir, echeance, cible, reference, date_reference):
/// the same preview → batch → undo process as observations.
enum TargetImport {
    static let columns: [(field: String, names: [String])] = [
        ("indicateur", ["indicateur", "indicator"]), ("territoire", ["territoire", "territory"]),
        ("couloir", ["couloir", "sector", "secteur"]),
        ("echeance", ["echeance", "échéance", "due", "jalon"]), ("cible", ["cible", "target"]),
        ("reference", ["reference", "référence", "baseline"]),
        ("date_reference", ["date_reference", "date de reference", "baseline_on"])
    ]

    static func parse(_ raw: Data, fileName: String, sheet: String? = nil) throws -> [(
        line: Int, input: TargetService.Input
    )] {
        let table = try CanonicalTable.read(raw, fileName: fileName, columns: columns, sheet: sheet)
        for required in ["indicateur", "territoire", "echeance", "cible"] where !table.has(required) {
            throw ServiceError.invalid(
                "\(fileName), ligne 1 : colonne « \(required) » absente (colonnes attendues : indicateur, territoire, couloir, echeance, cible, reference)."
            )
        }
        return table.rows.map { r in
            (
                r.line,
                TargetService.Input(
                    indicator: table.cell(r, "indicateur") ?? "", territory: table.cell(r, "territoire") ?? "",
                    couloir: table.cell(r, "couloir"), due: table.cell(r, "echeance") ?? "",
                    target: table.cell(r, "cible") ?? "",
                    baseline: table.cell(r, "reference"), baseline_on: table.cell(r, "date_reference"))
            )
        }
    }

    struct Planned: Sendable {
        var resolved: TargetService.Resolved
        var label: String
        var change: ObservationService.Change
    }

    static func preview(_ data: Data, fileName: String, sheet: String? = nil, on db: any SQLDatabase) async throws -> (
        report: ObservationImport.Report, plan: [Planned]
    ) {
        let rows = try parse(data, fileName: fileName, sheet: sheet)
        var report = ObservationImport.Report(file: fileName, sha256: ObservationImport.sha256(data), read: rows.count)
        var plan: [Planned] = []
        var seen: [String: Int] = [:]
        for (line, input) in rows {
            do {
                let r = try await TargetService.resolve(input, on: db)
                let key = "\(r.indicator.code)|\(r.territory)|\(r.couloir.rawValue)|\(r.due.iso)"
                if let first = seen[key] {
                    report.rejected.append(
                        .init(
                            line: line, field: "echeance",
                            reason: "même indicateur, territoire, couloir et échéance qu'à la ligne \(first)"))
                    continue
                }
                seen[key] = line
                let (existing, changed) = try await TargetService.existing(r, on: db)
                plan.append(
                    Planned(
                        resolved: r, label: input.target,
                        change: existing == nil ? .create : (changed ? .update : .unchanged)))
            } catch let e as ServiceError {
                report.rejected.append(.init(line: line, field: e.field ?? "ligne", reason: e.message))
            }
        }
        report.created = plan.filter { $0.change == .create }.count
        report.updated = plan.filter { $0.change == .update }.count
        report.unchanged = plan.filter { $0.change == .unchanged }.count
        return (report, plan)
    }

    static func commit(_ data: Data, fileName: String, sheet: String? = nil, on db: any SQLDatabase, actor: Actor)
        async throws -> ObservationImport.Report
    {
        var (report, plan) = try await preview(data, fileName: fileName, sheet: sheet, on: db)
        guard report.changes > 0 else { return report }
        let batch = UUID()
        let provenance = ObservationImport.provenance(file: fileName, batch: batch)
        for p in plan where p.change != .unchanged {
            try await TargetService.write(
                p.resolved, label: p.label, provenance: provenance, batch: batch, on: db, actor: actor)
        }
        report.batch = batch
        try await ObservationImport.recordBatch(report, kind: "targets", batch: batch, on: db, actor: actor)
        return report
    }

    static func undo(_ batch: ObservationImport.Batch, on db: any SQLDatabase, actor: Actor) async throws
        -> ObservationImport.UndoReport
    {
        let prov = ObservationImport.provenance(file: batch.file_name, batch: batch.id)
        var report = ObservationImport.UndoReport()
        struct T: Decodable { var id: UUID }
        let mine = try await db.select().column("id").from("targets").where("batch_id", .equal, batch.id).all(
            decoding: T.self)
        struct H: Decodable {
            var id, target_id: UUID
            var value_kind: String
            var value_number: Double?
            var value_text: String?
            var baseline: Double?
            var baseline_on: String?
            var batch_id: UUID?
        }
        let replaced = try await db.select().columns(
            "id", "target_id", "value_kind", "value_number", "value_text", "baseline", "baseline_on", "batch_id"
        )
        .from("target_history").where("replaced_by", .equal, prov).all(decoding: H.self)
        let previous = Dictionary(replaced.map { ($0.target_id, $0) }, uniquingKeysWith: { a, _ in a })
        for t in mine {
            if let h = previous[t.id] {
                try await db.update("targets").set("value_kind", to: h.value_kind).set(
                    "value_number", to: h.value_number
                ).set("value_text", to: h.value_text)
                    .set("baseline", to: h.baseline).set("baseline_on", to: h.baseline_on).set(
                        "batch_id", to: h.batch_id
                    ).set("updated_at", to: Date())
                    .where("id", .equal, t.id).run()
                try await db.delete(from: "target_history").where("id", .equal, h.id).run()
                report.restored += 1
            } else {
                try await db.delete(from: "targets").where("id", .equal, t.id).run()
                report.deleted += 1
            }
        }
        report.keptBecauseChangedSince = replaced.count - report.restored
        return report
    }
}
