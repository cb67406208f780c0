import Foundation
import JalonCore
import SQLKit

/// Applications to funding programmes from a file: `programme;fenetre;structure;grappe;domaine;statut;
/// date_statut;montant;montant_signature;montant_cibles;reference;motif`, one line per application × domain,
/// the structure by FINESS ET or EJ. All or nothing; an unknown FINESS, a domain the structure is not eligible
/// for, an amount past the domain's envelope left or a status going backwards without its reason rejects the
/// file with the line and field named. Written through `ApplicationService`; undone from its history.
struct ApplicationImporter: Importer {
    let kind = ImportKind.applications
    private var lookups: ApplicationService.Lookups?
    private var authorized = false
    /// Amounts of validated lines read so far, per domain: the envelope holds the whole input.
    private var committedInInput: [UUID: Int64] = [:]

    struct Planned: Sendable {
        var line: ApplicationService.Resolved
        var existing: ApplicationService.Existing?
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("programme", ["programme"]), ("fenetre", ["fenetre", "fenêtre", "window"]),
        ("structure", ["structure", "finess"]), ("grappe", ["grappe"]), ("domaine", ["domaine", "domain"]),
        ("statut", ["statut", "status"]), ("date_statut", ["date_statut", "date du statut", "status_on"]),
        ("montant", ["montant", "amount"]), ("montant_signature", ["montant_signature"]),
        ("montant_cibles", ["montant_cibles"]), ("reference", ["reference", "référence", "dossier"]),
        ("motif", ["motif", "motive"])
    ]

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<ApplicationService.Input>] {
        let table = try CanonicalTable.read(
            file.data, fileName: file.name, columns: Self.columns, sheet: file.options.sheet)
        try table.require(
            ["programme", "fenetre", "structure", "domaine", "statut", "date_statut"], fileName: file.name,
            columns: Self.columns)
        return table.rows.map { row in
            func cell(_ field: String) -> String { table.cell(row, field) ?? "" }
            return ImportLine(
                number: row.line,
                input: .init(
                    programme: cell("programme"), window: cell("fenetre"), structure: cell("structure"),
                    grappe: cell("grappe"), domain: cell("domaine"), status: cell("statut"),
                    statusOn: cell("date_statut"), amount: cell("montant"), signature: cell("montant_signature"),
                    targets: cell("montant_cibles"), reference: cell("reference"), motive: cell("motif")))
        }
    }

    mutating func resolve(_ input: ApplicationService.Input, on db: any SQLDatabase) async throws -> Planned {
        let lookups = self.lookups ?? ApplicationService.Lookups(db)
        self.lookups = lookups
        let line = try await ApplicationService.resolve(input, lookups: lookups)
        let existing = try await ApplicationService.existing(line, on: db)
        try ApplicationService.checkTransition(line, existing)
        let earlier = committedInInput[line.domain.id, default: 0]
        try await ApplicationService.checkEnvelope(line, existing, alsoCommitted: earlier, on: db)
        if line.status.isValidated, let amount = line.amount { committedInInput[line.domain.id] = earlier + amount }
        return Planned(
            line: line, existing: existing,
            change: existing?.id == nil ? .create : ApplicationService.changes(line, existing) ? .update : .unchanged)
    }

    func keys(of planned: Planned) -> [ImportKey] {
        [
            ImportKey(
                parts: [
                    planned.line.programme.code, "\(planned.line.window.number)", planned.line.applicantKey,
                    planned.line.domain.code
                ], meaning: "même programme, fenêtre, structure et domaine", field: "domaine")
        ]
    }

    mutating func authorize(_ planned: Planned, actor: Actor, on db: any SQLDatabase) async throws {
        guard !authorized else { return }
        try await actor.authorize(.regional, on: db)
        authorized = true
    }

    func plan(_ resolved: [Planned], on db: any SQLDatabase) async throws -> [Planned] { resolved }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func sample(of planned: Planned, line: Int) -> ImportReport.Sample? {
        let resolved = planned.line
        return ImportReport.Sample(
            line: line, indicator: "\(resolved.programme.code) F\(resolved.window.number) \(resolved.domain.code)",
            subject: resolved.structure.finessET ?? resolved.structure.finessEJ, couloir: resolved.structure.couloir,
            period: Format.date(iso: resolved.statusOn.iso),
            before: planned.existing?.status.flatMap(ApplicationStatus.init(rawValue:))?.label,
            after: resolved.status.label + (resolved.amount.map { " — " + Money.french($0) } ?? ""))
    }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        for planned in plan where planned.change != .unchanged {
            try await ApplicationService.write(
                planned.line, existing: planned.existing, provenance: stamp.provenance, batch: stamp.batch, on: db,
                actor: actor)
        }
        // The programme indicators (O3-23 …) are computed from these statuses.
        if plan.contains(where: { $0.change != .unchanged }) { try await RollupCache.invalidateComputed(on: db) }
    }
}

extension ApplicationImporter {
    /// Puts back the statuses the batch replaced and removes what it created (applications left without a
    /// domain go too).
    static func undo(_ batch: ImportBatch, on db: any SQLDatabase) async throws -> ImportBatch.UndoReport {
        struct WrittenRow: Decodable {
            var id: UUID
            var applicationID: UUID
        }
        let written = try await db.select().columns("id", "application_id").from("application_domains")
            .where("batch_id", .equal, batch.id).all(decoding: WrittenRow.self, with: .snakeCase)
        struct ReplacedRow: Decodable {
            var id: UUID
            var applicationDomainID: UUID
            var status, statusOn, motive: String
            var amountCents, signatureCents, targetsCents, paidCents: Int64?
            var batchID: UUID?
        }
        let replaced = try await db.select()
            .columns(
                "id", "application_domain_id", "status", "status_on", "motive", "amount_cents", "signature_cents",
                "targets_cents", "paid_cents", "batch_id"
            )
            .from("application_domain_history").where("replaced_by", .equal, batch.provenance)
            .all(decoding: ReplacedRow.self, with: .snakeCase)
        let previous = Dictionary(
            replaced.map { ($0.applicationDomainID, $0) }, uniquingKeysWith: { first, _ in first })
        var report = ImportBatch.UndoReport()
        for row in written {
            if let value = previous[row.id] {
                try await db.update("application_domains").set("status", to: value.status)
                    .set("status_on", to: value.statusOn).set("motive", to: value.motive)
                    .set("amount_cents", to: value.amountCents).set("signature_cents", to: value.signatureCents)
                    .set("targets_cents", to: value.targetsCents).set("paid_cents", to: value.paidCents)
                    .set("batch_id", to: value.batchID).set("updated_at", to: Date()).where("id", .equal, row.id).run()
                try await db.delete(from: "application_domain_history").where("id", .equal, value.id).run()
                report.restored += 1
            } else {
                try await db.delete(from: "application_domains").where("id", .equal, row.id).run()
                report.deleted += 1
            }
        }
        try await db.raw(
            """
            DELETE FROM applications WHERE NOT EXISTS (
              SELECT 1 FROM application_domains d WHERE d.application_id = applications.id)
            """
        ).run()
        try await RollupCache.invalidateComputed(on: db)
        report.keptBecauseChangedSince = replaced.count - report.restored
        return report
    }
}
