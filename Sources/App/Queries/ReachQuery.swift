import Foundation
import JalonCore
import SQLKit

/// What the activity log reaches: open structures of a couloir in a territory touched at least once
/// in a window, and the number of actions. A structure reached twice counts once; closed structures
/// count neither above nor below the line.
enum ReachQuery {
    /// `since`: the first day counted (nil: from the beginning); `at`: the last.
    static func reach(couloir: Couloir, territory: String, since: Day?, at: Day, on db: any SQLDatabase) async throws
        -> StructureReach
    {
        let (first, open) = try await firstReached(couloir: couloir, territory: territory, since: since, on: db)
        return StructureReach(reached: first.filter { $0 <= at }.count, open: open)
    }

    /// The open structures of a couloir (and its sub-couloirs) in a territory.
    static func scope(_ couloir: Couloir, _ territory: String) -> SQLQueryString {
        let couloirs = couloir.members.map(\.rawValue) + [couloir.rawValue]
        return """
            s.closed_on IS NULL AND s.couloir IN (\(binds: couloirs))
            AND s.commune_code IN (\(TerritoryQuery.communes(of: territory)))
            """
    }

    /// Actions in a territory — an activity counts when it names a territory that overlaps it (a regional
    /// webinar counts for each département) or reaches a structure there — optionally of one type or topic.
    static func actions(
        territory: String?, since: Day?, at: Day, type: ActivityType? = nil, topic: String? = nil,
        on db: any SQLDatabase
    ) async throws -> Int {
        try await activities(territory: territory, type: type, topic: topic, on: db).filter { activity in
            activity.date <= at && since.map { activity.date >= $0 } ?? true
        }.count
    }

    struct Dated: Sendable {
        var date: Day
        var participants: Int
    }

    /// The dates (and participants) of the activities that count for a territory.
    static func activities(territory: String?, type: ActivityType? = nil, topic: String? = nil, on db: any SQLDatabase)
        async throws -> [Dated]
    {
        struct DatedRow: Decodable {
            var date: String
            var participants: Int?
        }
        let query: SQLQueryString =
            "SELECT a.date, a.participants FROM activities a"
            + ActivityQuery.whereClause(.init(type: type, topic: topic, territory: territory))
        return try await db.raw(query).all(decoding: DatedRow.self).compactMap { row in
            Day(iso: row.date).map { Dated(date: $0, participants: row.participants ?? 0) }
        }
    }

    /// The day each open structure of the couloir in the territory was first reached (on or after `since`).
    static func firstReached(couloir: Couloir, territory: String, since: Day?, on db: any SQLDatabase) async throws -> (
        first: [Day], open: Int
    ) {
        let scope = scope(couloir, territory)
        struct FirstRow: Decodable { var first: String }
        var query: SQLQueryString = """
            SELECT MIN(a.date) AS first
            FROM activity_structures x
            JOIN activities a ON a.id = x.activity_id JOIN structures s ON s.id = x.structure_id
            """
        query += " WHERE " + scope
        if let since { query += " AND a.date >= \(bind: since.iso)" }
        query += " GROUP BY s.id"
        let first = try await db.raw(query).all(decoding: FirstRow.self).compactMap { Day(iso: $0.first) }.sorted()
        let open = try await db.count("SELECT COUNT(*) AS n FROM structures s WHERE " + scope)
        return (first, open)
    }

    /// The reach of every couloir in every listed territory, in two queries (the territorial view and
    /// its benchmark): territory code → couloir → reach. `MS` sums its sub-couloirs.
    static func table(territories: [String], since: Day?, at: Day, on db: any SQLDatabase) async throws -> [String:
        [Couloir: StructureReach]]
    {
        guard !territories.isEmpty else { return [:] }
        struct CouloirCountRow: Decodable {
            var territoryCode: String
            var couloir: String
            var structures: Int
        }
        var reachedQuery: SQLQueryString = """
            SELECT tc.territory_code, s.couloir, COUNT(*) AS structures
            FROM structures s JOIN territory_communes tc ON tc.commune_code = s.commune_code
            WHERE s.closed_on IS NULL AND tc.territory_code IN (\(binds: territories))
              AND EXISTS (SELECT 1 FROM activity_structures x JOIN activities a ON a.id = x.activity_id
                          WHERE x.structure_id = s.id AND a.date <= \(bind: at.iso)
            """
        if let since { reachedQuery += " AND a.date >= \(bind: since.iso)" }
        reachedQuery += ") GROUP BY tc.territory_code, s.couloir"
        let reached = try await db.raw(reachedQuery).all(decoding: CouloirCountRow.self, with: .snakeCase)
        let open = try await db.raw(
            """
            SELECT tc.territory_code, s.couloir, COUNT(*) AS structures
            FROM structures s JOIN territory_communes tc ON tc.commune_code = s.commune_code
            WHERE s.closed_on IS NULL AND tc.territory_code IN (\(binds: territories))
            GROUP BY tc.territory_code, s.couloir
            """
        ).all(decoding: CouloirCountRow.self, with: .snakeCase)
        var table: [String: [Couloir: StructureReach]] = [:]
        for couloir in Self.reportedCouloirs {
            let members = Set(couloir.members.map(\.rawValue) + [couloir.rawValue])
            func total(_ rows: [CouloirCountRow], in territory: String) -> Int {
                rows.filter { $0.territoryCode == territory && members.contains($0.couloir) }
                    .reduce(0) { $0 + $1.structures }
            }
            for territory in territories {
                table[territory, default: [:]][couloir] = StructureReach(
                    reached: total(reached, in: territory), open: total(open, in: territory))
            }
        }
        return table
    }

    /// What the territorial view lists: the territory, then its départements (a région) and its custom territories.
    static func territories(around territory: Territory, on db: any SQLDatabase) async throws -> [Territory] {
        var list = [territory]
        if territory.kind == .region {
            list += try await TerritoryQuery.list(kind: .departement, parent: territory.code, on: db)
        }
        return list + (try await TerritoryQuery.list(kind: .custom, parent: territory.code, on: db))
    }

    /// The couloirs of the national reach indicators O2-02 … O2-07.
    static let reportedCouloirs: [Couloir] = [.es, .ms, .bio, .radio, .mdv, .pharma]

    /// Actions per topic (the NA table "Messagerie sécurisée 53, INS 42…"), in a window.
    static func perTopic(territory: String?, since: Day?, at: Day, on db: any SQLDatabase) async throws -> [(
        topic: String, actions: Int
    )] {
        var perTopic: [(topic: String, actions: Int)] = []
        struct TopicRow: Decodable { var topic: String }
        for topic in try await db.raw("SELECT DISTINCT topic FROM activity_topics ORDER BY topic")
            .all(decoding: TopicRow.self).map(\.topic)
        {
            let count = try await actions(territory: territory, since: since, at: at, topic: topic, on: db)
            if count > 0 { perTopic.append((topic, count)) }
        }
        return perTopic.sorted { ($0.actions, $1.topic) > ($1.actions, $0.topic) }
    }
}
