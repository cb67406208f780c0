import Foundation
import JalonCore
import SQLKit

/// The animateurs' worklist: open structures of a couloir in a territory not reached since a date —
/// or not yet using a service (no "yes" for a structure-level indicator) — never reached first, then
/// the longest since their last contact.
enum WorklistQuery {
    static func items(
        territory: String, couloir: Couloir, notSince: Day?, withoutService indicator: String?, limit: Int = 1000,
        on db: any SQLDatabase
    ) async throws -> [WorklistItem] {
        let members = couloir.members.map(\.rawValue) + [couloir.rawValue]
        var query: SQLQueryString = """
            SELECT s.id, s.finess_et, s.rpps, s.siret, s.name, s.city, s.category_label, s.couloir,
                   (SELECT MAX(a.date) FROM activity_structures x JOIN activities a ON a.id = x.activity_id
                    WHERE x.structure_id = s.id) AS last_reached
            FROM structures s
            WHERE s.closed_on IS NULL AND s.couloir IN (\(binds: members))
              AND s.commune_code IN (\(TerritoryQuery.communes(of: territory)))
            """
        if let notSince {
            query += """
                 AND NOT EXISTS (SELECT 1 FROM activity_structures x JOIN activities a ON a.id = x.activity_id
                                 WHERE x.structure_id = s.id AND a.date >= \(bind: notSince.iso))
                """
        }
        if let indicator {
            query += """
                 AND NOT EXISTS (SELECT 1 FROM observations o
                                 WHERE o.structure_id = s.id AND o.indicator_code = \(bind: indicator) AND o.value <> 0)
                """
        }
        // Sorted outside: PostgreSQL does not let ORDER BY expressions name a select alias.
        let sorted: SQLQueryString =
            "SELECT * FROM (" + query
                + """
                ) w ORDER BY CASE WHEN w.last_reached IS NULL THEN 0 ELSE 1 END, w.last_reached, w.name, w.id
                LIMIT \(literal: limit)
                """
        struct CandidateRow: Decodable {
            var id: UUID
            var finessET, rpps: String?
            var siret, name, city, categoryLabel, couloir: String
            var lastReached: String?
        }
        return try await db.raw(sorted).all(decoding: CandidateRow.self, with: .snakeCase).map { row in
            WorklistItem(
                id: row.id, key: row.finessET ?? (row.siret.isEmpty ? row.id.uuidString.lowercased() : row.siret),
                name: row.name, city: row.city, category: row.categoryLabel,
                couloir: row.couloir, lastReached: row.lastReached.flatMap(Day.init(iso:)))
        }
    }
}
