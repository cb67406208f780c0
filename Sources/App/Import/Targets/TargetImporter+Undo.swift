import Foundation
import JalonCore
import SQLKit

extension TargetImporter {
    /// Puts back the targets the batch replaced (from `target_history`) and removes the ones it created.
    /// Targets are not in the roll-up layer: nothing to invalidate.
    static func undo(_ batch: ImportBatch, on db: any SQLDatabase) async throws -> ImportBatch.UndoReport {
        struct WrittenRow: Decodable { var id: UUID }
        let written = try await db.select().column("id").from("targets").where("batch_id", .equal, batch.id)
            .all(decoding: WrittenRow.self)
        struct ReplacedRow: Decodable {
            var id: UUID
            var targetID: UUID
            var valueKind: String
            var valueNumber: Double?
            var valueText: String?
            var baseline: Double?
            var baselineOn: String?
            var batchID: UUID?
        }
        let replaced = try await db.select()
            .columns(
                "id", "target_id", "value_kind", "value_number", "value_text", "baseline", "baseline_on", "batch_id"
            )
            .from("target_history").where("replaced_by", .equal, batch.provenance)
            .all(decoding: ReplacedRow.self, with: .snakeCase)
        let previous = Dictionary(replaced.map { ($0.targetID, $0) }, uniquingKeysWith: { first, _ in first })
        var report = ImportBatch.UndoReport()
        for target in written {
            if let value = previous[target.id] {
                try await db.update("targets")
                    .set("value_kind", to: value.valueKind).set("value_number", to: value.valueNumber)
                    .set("value_text", to: value.valueText).set("baseline", to: value.baseline)
                    .set("baseline_on", to: value.baselineOn).set("batch_id", to: value.batchID)
                    .set("updated_at", to: Date())
                    .where("id", .equal, target.id).run()
                try await db.delete(from: "target_history").where("id", .equal, value.id).run()
                report.restored += 1
            } else {
                try await db.delete(from: "targets").where("id", .equal, target.id).run()
                report.deleted += 1
            }
        }
        report.keptBecauseChangedSince = replaced.count - report.restored
        return report
    }
}
