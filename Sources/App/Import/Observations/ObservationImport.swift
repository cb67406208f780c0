import Foundation
import JalonCore
import SQLKit
import Vapor

/// The canonical observations CSV: upload → parse → validate → preview (dry run) → commit in one
/// transaction as an import batch → undo. The same steps serve the CLI, the API and the pages.
enum ObservationImport {
    struct Rejection: Codable, Sendable, Equatable {
        var line: Int
        var field: String
        var reason: String
    }

    /// One change a preview announces: `before` is nil for a creation.
    struct Sample: Codable, Sendable, Equatable {
        var line: Int
        var indicator, subject, couloir, period: String
        var before: String?
        var after: String

        init(line: Int, _ p: ObservationService.Planned) {
            let r = p.resolved
            self.line = line
            indicator = r.indicator
            subject = r.territory ?? r.structureKey ?? "structure"
            couloir = r.couloir
            period = r.period.label
            before = p.existing.map {
                Self.text(
                    value: $0.value, numerator: $0.numerator, denominator: $0.denominator, notProvided: $0.not_provided)
            }
            after = Self.text(
                value: r.value, numerator: r.numerator, denominator: r.denominator, notProvided: r.notProvided)
        }

        static func text(value: Double?, numerator: Double?, denominator: Double?, notProvided: Bool) -> String {
            if notProvided { return "non fourni" }
            if let value { return exact(value) }
            if let numerator, let denominator { return "\(exact(numerator)) / \(exact(denominator))" }
            return "—"
        }

        /// Every digit the file gave (up to 6 decimals), French style.
        static func exact(_ v: Double) -> String {
            if v == v.rounded(), abs(v) < 1e15 { return Format.integer(Int(v)) }
            var s = Format.decimal(v, fractionDigits: 6)
            while s.hasSuffix("0") { s.removeLast() }
            return s
        }
    }

    struct Report: Codable, Sendable, Equatable {
        var file: String
        var sha256: String
        var read = 0, created = 0, updated = 0, unchanged = 0
        var rejected: [Rejection] = []
        var batch: UUID?
        /// `name vN` when the file was read through a profile.
        var profile: String?
        /// The first changes, for the preview: what would be created or replaced.
        var samples: [Sample] = []
        static let sampleLimit = 200

        var changes: Int { created + updated }

        var text: String {
            var lines = [
                "\(file) : \(Format.integer(read)) lignes lues — \(Format.integer(created)) créées, \(Format.integer(updated)) modifiées, \(Format.integer(unchanged)) inchangées, \(Format.integer(rejected.count)) rejetées."
            ]
            for r in rejected.prefix(100) { lines.append("  ligne \(r.line), champ \(r.field) : \(r.reason)") }
            if rejected.count > 100 { lines.append("  … et \(rejected.count - 100) autres lignes rejetées") }
            if !samples.isEmpty {
                lines.append("Changements\(changes > 20 ? " (20 premiers)" : "") :")
                for c in samples.prefix(20) {
                    lines.append(
                        "  ligne \(c.line) : \(c.indicator) \(c.subject) \(c.couloir) \(c.period) : \(c.before.map { "\($0) → " } ?? "nouveau ")\(c.after)"
                    )
                }
            }
            if changes == 0 { lines.append("Aucun changement : ces valeurs sont déjà dans Jalon.") }
            if let batch {
                lines.append(
                    "Lot \(batch.uuidString.lowercased()) enregistré (annulable par « jalon import undo \(batch.uuidString.prefix(8).lowercased()) »)."
                )
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Column names accepted for each field (case, accents and spaces ignored; French or English).
    static let columns: [(field: String, names: [String])] = [
        ("indicateur", ["indicateur", "indicator"]), ("territoire", ["territoire", "territory"]),
        ("structure", ["structure", "finess", "siret", "rpps"]),
        ("couloir", ["couloir", "sector", "secteur"]), ("periode", ["periode", "période", "period"]),
        ("valeur", ["valeur", "value"]),
        ("numerateur", ["numerateur", "numérateur", "numerator"]),
        ("denominateur", ["denominateur", "dénominateur", "denominator"]),
        ("source", ["source"]), ("commentaire", ["commentaire", "comment"])
    ]

    /// Reads the file into lines to validate, with its canonical columns or through a profile; a
    /// structural problem (no header, unterminated quote, not the profile's file) fails the whole file.
    /// `given`: a profile not stored yet (the editor's test), instead of `options.profile`.
    static func parse(
        _ raw: Data, fileName: String, options: ImportOptions = .init(), given: ImportProfile? = nil,
        on db: any SQLDatabase
    ) async throws
        -> (rows: [(line: Int, input: ObservationService.Input)], profile: ImportProfile?)
    {
        if let format = options.exchange {
            return (try await AggregateExchange.rows(raw, fileName: fileName, format: format, on: db), nil)
        }
        if given != nil || options.profile?.isEmpty == false {
            let profile: ImportProfile
            if let given {
                profile = given
            } else {
                profile = try await ImportProfileService.require(options.profile ?? "", on: db)
            }
            let records = try UploadedCSV.table(raw, fileName: fileName, sheet: options.sheet ?? profile.sheet)
            let rows: [ImportProfile.Row]
            do { rows = try profile.apply(records, settings: options.settings) } catch let f as ImportProfile.Failure {
                throw ServiceError.invalid(
                    f.line > 0 ? "\(fileName), \(f.description)" : "\(fileName) : \(f.description)")
            }
            return (
                rows.map { r in
                    func cell(_ field: String) -> String? { r.fields[field].flatMap { $0.isEmpty ? nil : $0 } }
                    return (
                        r.line,
                        ObservationService.Input(
                            indicator: cell("indicateur") ?? "", territory: cell("territoire"),
                            structure: cell("structure"), couloir: cell("couloir"),
                            period: cell("periode") ?? "", value: cell("valeur"), numerator: cell("numerateur"),
                            denominator: cell("denominateur"),
                            source: cell("source"), comment: cell("commentaire"))
                    )
                }, profile
            )
        }
        let table = try CanonicalTable.read(raw, fileName: fileName, columns: columns, sheet: options.sheet)
        for required in ["indicateur", "periode"] where !table.has(required) {
            throw ServiceError.invalid(
                "\(fileName), ligne 1 : colonne « \(required) » absente (colonnes attendues : indicateur, territoire ou structure, periode, valeur…)."
            )
        }
        guard table.has("territoire") || table.has("structure") else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonne « territoire » ou « structure » absente.")
        }
        guard table.has("valeur") || (table.has("numerateur") && table.has("denominateur")) else {
            throw ServiceError.invalid(
                "\(fileName), ligne 1 : colonne « valeur » (ou « numerateur » et « denominateur ») absente.")
        }
        return (
            table.rows.map { r in
                (
                    r.line,
                    ObservationService.Input(
                        indicator: table.cell(r, "indicateur") ?? "", territory: table.cell(r, "territoire"),
                        structure: table.cell(r, "structure"),
                        couloir: table.cell(r, "couloir"), period: table.cell(r, "periode") ?? "",
                        value: table.cell(r, "valeur"),
                        numerator: table.cell(r, "numerateur"), denominator: table.cell(r, "denominateur"),
                        source: table.cell(r, "source"),
                        comment: table.cell(r, "commentaire"))
                )
            }, nil
        )
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).hexString }

    static func provenance(file: String, batch: UUID) -> String {
        "import:\(file) #\(batch.uuidString.prefix(8).lowercased())"
    }

    /// Validates every line and compares with the database. Writes nothing.
    static func preview(
        _ data: Data, fileName: String, options: ImportOptions = .init(), on db: any SQLDatabase,
        profile given: ImportProfile? = nil, actor: Actor
    ) async throws
        -> (report: Report, plan: [ObservationService.Planned])
    {
        let (rows, profile) = try await parse(data, fileName: fileName, options: options, given: given, on: db)
        var report = Report(file: fileName, sha256: sha256(data), read: rows.count)
        report.profile = profile.map { "\($0.name) v\($0.version)" }
        let lookups = ObservationLookups(db)
        var rights = ObservationRights(actor: actor, on: db)
        var resolved: [ObservationService.Resolved] = []
        resolved.reserveCapacity(rows.count)
        var lines: [Int] = []
        var seen: [String: Int] = [:]
        for (line, input) in rows {
            do {
                let r = try await ObservationService.resolve(input, using: lookups)
                try await rights.check(r)
                let key = r.key
                if let first = seen[key] {
                    report.rejected.append(
                        .init(
                            line: line, field: "periode",
                            reason: "même indicateur, territoire, couloir et période qu'à la ligne \(first)"))
                    continue
                }
                seen[key] = line
                resolved.append(r)
                lines.append(line)
            } catch let e as ServiceError {
                report.rejected.append(.init(line: line, field: e.field ?? "ligne", reason: e.message))
            }
        }
        var plan = try await ObservationService.plan(resolved, on: db)
        let locked = try await PeriodLock.refusals(plan, actor: actor, on: db)
        if !locked.isEmpty {
            for (i, reason) in locked.sorted(by: { $0.key < $1.key }) {
                report.rejected.append(.init(line: lines[i], field: "periode", reason: reason))
            }
            report.rejected.sort { $0.line < $1.line }
            lines = lines.indices.filter { locked[$0] == nil }.map { lines[$0] }
            plan = plan.indices.filter { locked[$0] == nil }.map { plan[$0] }
        }
        for (i, p) in plan.enumerated() {
            switch p.change {
            case .create: report.created += 1
            case .update: report.updated += 1
            case .unchanged:
                report.unchanged += 1
                continue
            }
            if report.samples.count < Report.sampleLimit { report.samples.append(Sample(line: lines[i], p)) }
        }
        return (report, plan)
    }

    /// Commits in the caller's transaction and records the batch; nothing is recorded when nothing changes.
    static func commit(
        _ data: Data, fileName: String, options: ImportOptions = .init(), on db: any SQLDatabase, actor: Actor
    ) async throws -> Report {
        var (report, plan) = try await preview(data, fileName: fileName, options: options, on: db, actor: actor)
        guard report.changes > 0 else { return report }
        let batch = UUID()
        _ = try await ObservationService.apply(
            plan, provenance: provenance(file: fileName, batch: batch), batch: batch, on: db, actor: actor)
        report.batch = batch
        try await recordBatch(
            report, kind: options.exchange?.rawValue ?? "observations", batch: batch, profile: report.profile, on: db,
            actor: actor)
        return report
    }

    /// The batch row and its audit entry, for any kind of import.
    static func recordBatch(
        _ report: Report, kind: String, batch: UUID, profile: String? = nil, on db: any SQLDatabase, actor: Actor
    ) async throws {
        let json = String(decoding: try JSONEncoder().encode(report.rejected), as: UTF8.self)
        try await db.insert(into: "import_batches")
            .columns(
                "id", "kind", "file_name", "sha256", "profile", "actor", "status", "read", "created", "updated",
                "unchanged", "rejected", "report", "created_at"
            )
            .values(
                SQLBind(batch), SQLBind(kind), SQLBind(report.file), SQLBind(report.sha256), SQLBind(profile),
                SQLBind(actor.name), SQLBind("valide"),
                SQLBind(report.read), SQLBind(report.created), SQLBind(report.updated), SQLBind(report.unchanged),
                SQLBind(report.rejected.count),
                SQLBind(json), SQLBind(Date())
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: "import", objectType: "import_batch", objectID: batch.uuidString,
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

    static let batchColumns = [
        "id", "kind", "file_name", "sha256", "actor", "status", "profile", "read", "created", "updated", "unchanged",
        "rejected", "created_at", "undone_at"
    ]

    static func batches(on db: any SQLDatabase) async throws -> [Batch] {
        try await db.select().columns(batchColumns).from("import_batches").orderBy("created_at", .descending).limit(200)
            .all(decoding: Batch.self)
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
        try await actor.authorize(.regional, on: db)
        // Read again inside the transaction: the caller's copy may predate another undo.
        struct S: Decodable { var status: String }
        let status = try await db.select().column("status").from("import_batches").where("id", .equal, batch.id).first(
            decoding: S.self)?.status
        guard status == "valide" else {
            throw ServiceError.conflict("Le lot \(batch.id.uuidString.prefix(8).lowercased()) est déjà annulé.")
        }
        if batch.kind != "targets" { try await refuseLockedUndo(batch, actor: actor, on: db) }
        let report =
            batch.kind == "targets"
            ? try await TargetImport.undo(batch, on: db, actor: actor) : try await undoObservations(batch, on: db)
        try await db.update("import_batches").set("status", to: "annule").set("undone_at", to: Date()).where(
            "id", .equal, batch.id
        ).run()
        try await RollupCache.invalidateAll(on: db)
        try await AuditService.record(
            db, actor: actor, action: "undo", objectType: "import_batch", objectID: batch.id.uuidString,
            summary:
                "Annulation de l'import \(batch.file_name) : \(report.restored) valeurs rétablies, \(report.deleted) supprimées"
        )
        return report
    }

    /// Undoing a batch would change values of a validated period: the same lock as any write.
    static func refuseLockedUndo(_ batch: Batch, actor: Actor, on db: any SQLDatabase) async throws {
        guard let lock = try await PeriodLock.current(on: db) else { return }
        struct P: Decodable { var period: String }
        let periods = try await db.select().distinct().column("period").from("observations").where(
            "batch_id", .equal, batch.id
        ).all(decoding: P.self)
        let locked = periods.compactMap { Period($0.period) }.filter { PeriodLock.isLocked($0, by: lock) }
        if let first = locked.min(by: { $0.end < $1.end }),
            let reason = PeriodLock.refusal(first, lock: lock, actor: actor)
        {
            throw ServiceError.forbidden("Annulation refusée : " + reason)
        }
        try await PeriodLock.auditOverride(
            of: lock, count: locked.count, actor: actor,
            subject: "l'annulation du lot \(batch.id.uuidString.prefix(8).lowercased())", on: db)
    }

    static func undoObservations(_ batch: Batch, on db: any SQLDatabase) async throws -> UndoReport {
        let prov = provenance(file: batch.file_name, batch: batch.id)
        var report = UndoReport()
        struct O: Decodable {
            var id: UUID
            var indicator_code: String
            var territory_code: String?
            var structure_id: UUID?
        }
        let mine = try await db.select().columns("id", "indicator_code", "territory_code", "structure_id").from(
            "observations"
        )
        .where("batch_id", .equal, batch.id).all(decoding: O.self)
        struct H: Decodable {
            var id: UUID
            var observation_id: UUID
            var value, numerator, denominator: Double?
            var not_provided: Bool
            var source, comment, provenance: String
            var recorded_at: Date
            var batch_id: UUID?
        }
        let replaced = try await db.select().columns(
            "id", "observation_id", "value", "numerator", "denominator", "not_provided", "source", "comment",
            "provenance", "recorded_at", "batch_id"
        )
        .from("observation_history").where("replaced_by", .equal, prov).all(decoding: H.self)
        let previous = Dictionary(replaced.map { ($0.observation_id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in mine {
            if let h = previous[o.id] {
                try await db.update("observations").set("value", to: h.value).set("numerator", to: h.numerator).set(
                    "denominator", to: h.denominator
                )
                .set("not_provided", to: h.not_provided).set("source", to: h.source).set("comment", to: h.comment).set(
                    "provenance", to: h.provenance
                )
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
