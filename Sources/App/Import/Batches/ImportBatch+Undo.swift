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
        guard let lock = try await PeriodLock.current(on: db) else { return }
        struct PeriodRow: Decodable { var period: String }
        let periods = try await db.select().distinct().column("period").from("observations")
            .where("batch_id", .equal, id).all(decoding: PeriodRow.self)
        let locked = periods.compactMap { Period($0.period) }.filter { PeriodLock.isLocked($0, by: lock) }
        if let first = locked.min(by: { $0.end < $1.end }),
            let reason = PeriodLock.refusal(first, lock: lock, actor: actor)
        {
            throw ServiceError.forbidden("Annulation refusée : " + reason)
        }
        try await PeriodLock.auditOverride(
            of: lock, count: locked.count, actor: actor, subject: "l'annulation du lot \(shortID)", on: db)
    }
}
