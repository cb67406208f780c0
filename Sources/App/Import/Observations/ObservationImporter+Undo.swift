import Foundation
import JalonCore
import SQLKit

extension ObservationImporter {
    /// Puts back the values the batch replaced (from `observation_history`) and removes the ones it
    /// created. Only the series those values feed leave the roll-up layer, as after a write.
    static func undo(_ batch: ImportBatch, on db: any SQLDatabase) async throws -> ImportBatch.UndoReport {
        struct WrittenRow: Decodable {
            var id: UUID
            var indicatorCode: String
            var territoryCode: String?
            var communeCode: String?
        }
        let written = try await db.raw(
            """
            SELECT o.id, o.indicator_code, o.territory_code, s.commune_code
            FROM observations o LEFT JOIN structures s ON s.id = o.structure_id
            WHERE o.batch_id = \(bind: batch.id)
            """
        ).all(decoding: WrittenRow.self, with: .snakeCase)
        // The history keeps a replaced value with the fields of `ObservationService.Existing`, keyed by the
        // observation it belonged to: one row per observation and batch, since a key never repeats in a batch.
        let replaced = try await db.select()
            .column(SQLAlias(SQLColumn("observation_id"), as: SQLIdentifier("id")))
            .columns(
                "value", "numerator", "denominator", "not_provided", "source", "comment", "provenance", "recorded_at",
                "batch_id", "text_value", "assessed_status"
            )
            .from("observation_history").where("replaced_by", .equal, batch.provenance)
            .all(decoding: ObservationService.Existing.self, with: .snakeCase)
        let previous = Dictionary(replaced.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var report = ImportBatch.UndoReport()
        for observation in written {
            if let value = previous[observation.id] {
                try await db.update("observations")
                    .set("value", to: value.value).set("numerator", to: value.numerator)
                    .set("denominator", to: value.denominator).set("not_provided", to: value.notProvided)
                    .set("source", to: value.source).set("comment", to: value.comment)
                    .set("text_value", to: value.textValue).set("assessed_status", to: value.assessedStatus)
                    .set("provenance", to: value.provenance).set("recorded_at", to: value.recordedAt)
                    .set("batch_id", to: value.batchID)
                    .where("id", .equal, observation.id).run()
                try await db.delete(from: "observation_history").where("observation_id", .equal, observation.id)
                    .where("replaced_by", .equal, batch.provenance).run()
                report.restored += 1
            } else {
                try await db.delete(from: "observations").where("id", .equal, observation.id).run()
                report.deleted += 1
            }
        }
        report.keptBecauseChangedSince = replaced.count - report.restored
        var places: [String: Set<String>] = [:]
        for observation in written {
            let place = observation.territoryCode ?? observation.communeCode.map { "C" + $0 } ?? ""
            places[observation.indicatorCode, default: []].insert(place)
        }
        try await RollupCache.invalidate(places: places, on: db)
        return report
    }
}
