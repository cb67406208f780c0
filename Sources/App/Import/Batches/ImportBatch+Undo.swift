import Foundation
import JalonCore
import SQLKit

/// Undoing a batch puts back the values it replaced and removes the ones it created; values
/// written since by another batch or entry are left alone (and counted). Each kind that keeps what
/// it replaced says how (`ObservationImporter+Undo`, `TargetImporter+Undo`); this is the dispatch,
/// the status, the lock and the audit they share.
extension ImportBatch {
    struct UndoReport: Sendable, Equatable {
        var restored = 0
        var deleted = 0
        var keptBecauseChangedSince = 0

        var text: String {
            "\(restored) valeurs rétablies, \(deleted) supprimées"
                + (keptBecauseChangedSince > 0 ? ", \(keptBecauseChangedSince) laissées car modifiées depuis" : "")
        }
    }

    func undo(on db: any SQLDatabase, actor: Actor) async throws -> UndoReport {
        try await actor.authorize(.regional, on: db)
        // Read again inside the transaction: the caller's copy may predate another undo.
        struct StatusRow: Decodable { var status: String }
        let status = try await db.select().column("status").from("import_batches").where("id", .equal, id)
            .first(decoding: StatusRow.self)?.status
        guard status == Self.valid else { throw ServiceError.conflict("Le lot \(shortID) est déjà annulé.") }
        let report: UndoReport
        switch importKind {
        case .observations?, .dhis2?, .adx?:
            try await refuseLockedUndo(actor: actor, on: db)
            report = try await ObservationImporter.undo(self, on: db)
        case .targets?:
            report = try await TargetImporter.undo(self, on: db)
        case .applications?:
            report = try await ApplicationImporter.undo(self, on: db)
        case let other:
            throw ServiceError.invalid(
                "Le lot \(shortID) (\(other?.label.lowercased() ?? kind)) ne s'annule pas : ce type d'import ne garde "
                    + "pas les valeurs qu'il remplace. Corrigez le fichier et importez-le de nouveau.")
        }
        try await db.update("import_batches").set("status", to: Self.undone).set("undone_at", to: Date())
            .where("id", .equal, id).run()
        try await AuditService.record(
            db, actor: actor, action: "undo", objectType: "import_batch", objectID: id.uuidString,
            summary: "Annulation de l'import \(fileName) : \(report.restored) valeurs rétablies, "
                + "\(report.deleted) supprimées")
        return report
    }

    /// Undoing a batch would change values of a validated period: the same lock as any write.
    private func refuseLockedUndo(actor: Actor, on db: any SQLDatabase) async throws {
        struct WrittenPeriodRow: Decodable {
            var indicatorCode: String
            var period: String
        }
        let written = try await db.select().distinct().columns("indicator_code", "period").from("observations")
            .where("batch_id", .equal, id).all(decoding: WrittenPeriodRow.self, with: .snakeCase)
        let changes = written.compactMap { row in Period(row.period).map { (row.indicatorCode, $0) } }
        let lockedChanges = try await PeriodLock.lockedChanges(changes, on: db)
        for locked in lockedChanges {
            if let reason = PeriodLock.refusal(locked.first, lock: locked.lock, actor: actor) {
                throw ServiceError.forbidden("Annulation refusée : " + reason)
            }
        }
        for locked in lockedChanges {
            try await PeriodLock.auditOverride(
                of: locked.lock, count: locked.count, actor: actor, subject: "l'annulation du lot \(shortID)", on: db)
        }
    }
}
