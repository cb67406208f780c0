import Foundation
import JalonCore
import SQLKit
import Vapor

/// The canonical observations CSV: upload → parse → validate → preview (dry run) → commit in one
/// transaction as an import batch → undo. The same steps serve the CLI, the API and the pages.
enum ObservationImport {
    struct Rejection: Codable, Sendable, Equatable { var line: Int; var field: String; var reason: String }

    struct Report: Codable, Sendable, Equatable {
        var file: String
        var sha256: String
        var read = 0, created = 0, updated = 0, unchanged = 0
        var rejected: [Rejection] = []
        var batch: UUID?

        var changes: Int { created + updated }

        var text: String {
            var lines = ["\(file) : \(Format.integer(read)) lignes lues — \(Format.integer(created)) créées, \(Format.integer(updated)) modifiées, \(Format.integer(unchanged)) inchangées, \(Format.integer(rejected.count)) rejetées."]
            for r in rejected.prefix(100) { lines.append("  ligne \(r.line), champ \(r.field) : \(r.reason)") }
            if rejected.count > 100 { lines.append("  … et \(rejected.count - 100) autres lignes rejetées") }
            if changes == 0 { lines.append("Aucun changement : ces valeurs sont déjà dans Jalon.") }
            if let batch { lines.append("Lot \(batch.uuidString.lowercased()) enregistré (annulable par « jalon import undo \(batch.uuidString.prefix(8).lowercased()) »).") }
            return lines.joined(separator: "\n")
        }
    }

    /// Column names accepted for each field (case, accents and spaces ignored; French or English).
    static let columns: [(field: String, names: [String])] = [
        ("indicateur", ["indicateur", "indicator"]), ("territoire", ["territoire", "territory"]), ("structure", ["structure", "finess", "siret", "rpps"]),
        ("couloir", ["couloir", "sector", "secteur"]), ("periode", ["periode", "période", "period"]), ("valeur", ["valeur", "value"]),
        ("numerateur", ["numerateur", "numérateur", "numerator"]), ("denominateur", ["denominateur", "dénominateur", "denominator"]),
        ("source", ["source"]), ("commentaire", ["commentaire", "comment"]),
    ]

    /// Reads the file into lines to validate; a structural problem (no header, unterminated quote) fails the whole file.
    static func parse(_ raw: Data, fileName: String) throws -> (rows: [(line: Int, input: ObservationService.Input)], read: Int) {
        let table = try CanonicalTable.read(raw, fileName: fileName, columns: columns)
        for required in ["indicateur", "periode"] where !table.has(required) {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonne « \(required) » absente (colonnes attendues : indicateur, territoire ou structure, periode, valeur…).")
        }
        guard table.has("territoire") || table.has("structure") else { throw ServiceError.invalid("\(fileName), ligne 1 : colonne « territoire » ou « structure » absente.") }
        guard table.has("valeur") || (table.has("numerateur") && table.has("denominateur")) else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonne « valeur » (ou « numerateur » et « denominateur ») absente.")
        }
        let rows = table.rows.map { r in
            (r.line, ObservationService.Input(
                indicator: table.cell(r, "indicateur") ?? "", territory: table.cell(r, "territoire"), structure: table.cell(r, "structure"),
                couloir: table.cell(r, "couloir"), period: table.cell(r, "periode") ?? "", value: table.cell(r, "valeur"),
                numerator: table.cell(r, "numerateur"), denominator: table.cell(r, "denominateur"), source: table.cell(r, "source"),
                comment: table.cell(r, "commentaire")))
        }
        return (rows, rows.count)
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func provenance(file: String, batch: UUID) -> String { "import:\(file) #\(batch.uuidString.prefix(8).lowercased())" }

    /// Validates every line and compares with the database. Writes nothing.
    static func preview(_ data: Data, fileName: String, on db: any SQLDatabase) async throws -> (report: Report, plan: [ObservationService.Planned]) {
        let parsed = try parse(data, fileName: fileName)
        var report = Report(file: fileName, sha256: sha256(data), read: parsed.read)
        var resolved: [ObservationService.Resolved] = []
        var seen: [String: Int] = [:]
        for (line, input) in parsed.rows {
            do {
                let r = try await ObservationService.resolve(input, on: db)
                let key = "\(r.indicator)|\(r.subject)|\(r.couloir)|\(r.period)"
                if let first = seen[key] {
                    report.rejected.append(.init(line: line, field: "periode", reason: "même indicateur, territoire, couloir et période qu'à la ligne \(first)"))
                    continue
                }
                seen[key] = line
                resolved.append(r)
            } catch let e as ServiceError {
                report.rejected.append(.init(line: line, field: e.field ?? "ligne", reason: e.message))
            }
        }
        let plan = try await ObservationService.plan(resolved, on: db)
        report.created = plan.filter { $0.change == .create }.count
        report.updated = plan.filter { $0.change == .update }.count
        report.unchanged = plan.filter { $0.change == .unchanged }.count
        return (report, plan)
    }

    /// Commits in the caller's transaction and records the batch; nothing is recorded when nothing changes.
    static func commit(_ data: Data, fileName: String, profile: String? = nil, on db: any SQLDatabase, actor: Actor) async throws -> Report {
        var (report, plan) = try await preview(data, fileName: fileName, on: db)
        guard report.changes > 0 else { return report }
        let batch = UUID()
        _ = try await ObservationService.apply(plan, provenance: provenance(file: fileName, batch: batch), batch: batch, on: db, actor: actor)
        report.batch = batch
        try await recordBatch(report, kind: "observations", batch: batch, profile: profile, on: db, actor: actor)
        return report
    }

    /// The batch row and its audit entry, for any kind of import.
    static func recordBatch(_ report: Report, kind: String, batch: UUID, profile: String? = nil, on db: any SQLDatabase, actor: Actor) async throws {
        let json = String(decoding: try JSONEncoder().encode(report.rejected), as: UTF8.self)
        try await db.insert(into: "import_batches")
            .columns("id", "kind", "file_name", "sha256", "profile", "actor", "status", "read", "created", "updated", "unchanged", "rejected", "report", "created_at")
            .values(SQLBind(batch), SQLBind(kind), SQLBind(report.file), SQLBind(report.sha256), SQLBind(profile), SQLBind(actor.name), SQLBind("valide"),
                    SQLBind(report.read), SQLBind(report.created), SQLBind(report.updated), SQLBind(report.unchanged), SQLBind(report.rejected.count),
                    SQLBind(json), SQLBind(Date()))
            .run()
        try await AuditService.record(db, actor: actor, action: "import", objectType: "import_batch", objectID: batch.uuidString,
                                      summary: "Import \(report.file) (\(kind)) : \(report.created) créées, \(report.updated) modifiées",
                                      details: ["sha256": report.sha256, "rejected": "\(report.rejected.count)"])
    }

    struct Batch: Codable, Sendable, Equatable {
        var id: UUID
        var kind, file_name, sha256, actor, status: String
        var profile: String?
        var read, created, updated, unchanged, rejected: Int
        var created_at: Date
        var undone_at: Date?
    }

    static let batchColumns = ["id", "kind", "file_name", "sha256", "actor", "status", "profile", "read", "created", "updated", "unchanged", "rejected", "created_at", "undone_at"]

    static func batches(on db: any SQLDatabase) async throws -> [Batch] {
        try await db.select().columns(batchColumns).from("import_batches").orderBy("created_at", .descending).limit(200).all(decoding: Batch.self)
    }

    /// By full id or by the first characters the CLI prints.
    static func find(_ raw: String, on db: any SQLDatabase) async throws -> Batch? {
        let key = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard key.count >= 6 else { return nil }
        return try await batches(on: db).first { $0.id.uuidString.lowercased().hasPrefix(key) }
    }

    struct UndoReport: Sendable, Equatable { var restored = 0, deleted = 0, keptBecauseChangedSince = 0 }

    /// Puts back the values the batch replaced and removes the ones it created; values written by a
    /// later batch or entry are left alone (and counted).
    static func undo(_ batch: Batch, on db: any SQLDatabase, actor: Actor) async throws -> UndoReport {
        // Read again inside the transaction: the caller's copy may predate another undo.
        struct S: Decodable { var status: String }
        let status = try await db.select().column("status").from("import_batches").where("id", .equal, batch.id).first(decoding: S.self)?.status
        guard status == "valide" else { throw ServiceError.conflict("Le lot \(batch.id.uuidString.prefix(8).lowercased()) est déjà annulé.") }
        let report = batch.kind == "targets" ? try await TargetImport.undo(batch, on: db, actor: actor) : try await undoObservations(batch, on: db)
        try await db.update("import_batches").set("status", to: "annule").set("undone_at", to: Date()).where("id", .equal, batch.id).run()
        try await RollupCache.invalidateAll(on: db)
        try await AuditService.record(db, actor: actor, action: "undo", objectType: "import_batch", objectID: batch.id.uuidString,
                                      summary: "Annulation de l'import \(batch.file_name) : \(report.restored) valeurs rétablies, \(report.deleted) supprimées")
        return report
    }

    static func undoObservations(_ batch: Batch, on db: any SQLDatabase) async throws -> UndoReport {
        let prov = provenance(file: batch.file_name, batch: batch.id)
        var report = UndoReport()
        struct O: Decodable { var id: UUID; var indicator_code: String; var territory_code: String?; var structure_id: UUID? }
        let mine = try await db.select().columns("id", "indicator_code", "territory_code", "structure_id").from("observations")
            .where("batch_id", .equal, batch.id).all(decoding: O.self)
        struct H: Decodable {
            var id: UUID; var observation_id: UUID; var value, numerator, denominator: Double?; var not_provided: Bool
            var source, comment, provenance: String; var recorded_at: Date; var batch_id: UUID?
        }
        let replaced = try await db.select().columns("id", "observation_id", "value", "numerator", "denominator", "not_provided", "source", "comment",
                                                     "provenance", "recorded_at", "batch_id")
            .from("observation_history").where("replaced_by", .equal, prov).all(decoding: H.self)
        let previous = Dictionary(replaced.map { ($0.observation_id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in mine {
            if let h = previous[o.id] {
                try await db.update("observations").set("value", to: h.value).set("numerator", to: h.numerator).set("denominator", to: h.denominator)
                    .set("not_provided", to: h.not_provided).set("source", to: h.source).set("comment", to: h.comment).set("provenance", to: h.provenance)
                    .set("recorded_at", to: h.recorded_at).set("batch_id", to: h.batch_id).where("id", .equal, o.id).run()
                try await db.delete(from: "observation_history").where("id", .equal, h.id).run()
                report.restored += 1
            } else {
                try await db.delete(from: "observations").where("id", .equal, o.id).run()
                report.deleted += 1
            }
        }
        report.keptBecauseChangedSince = replaced.count - report.restored
        return report
    }
}
