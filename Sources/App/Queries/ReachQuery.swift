import Foundation
import JalonCore
import SQLKit

/// What the activity log reaches: open structures of a couloir in a territory touched at least once
/// in a window, and the number of actions. A structure reached twice counts once; closed structures
/// count neither above nor below the line.
enum ReachQuery {
    struct Reach: Sendable, Equatable {
        var reached: Int
        var open: Int
        var share: Double? { open == 0 ? nil : Double(reached) / Double(open) }
    }

    /// `since`: the first day counted (nil: from the beginning); `at`: the last.
    static func reach(couloir: Couloir, territory: String, since: Day?, at: Day, on db: any SQLDatabase) async throws
        -> Reach
    {
        let (first, open) = try await firstReached(couloir: couloir, territory: territory, since: since, on: db)
        return Reach(reached: first.filter { $0 <= at }.count, open: open)
    }

    /// The open structures of a couloir (and its sub-couloirs) in a territory.
    static func scope(_ couloir: Couloir, _ territory: String) -> SQLQueryString {
        "s.closed_on IS NULL AND s.couloir IN (\(binds: couloir.members.map(\.rawValue) + [couloir.rawValue])) AND s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: territory))"
    }

    /// Actions in a territory — an activity counts when it names a territory that overlaps it (a regional
    /// webinar counts for each département) or reaches a structure there — optionally of one type or topic.
    static func actions(
        territory: String?, since: Day?, at: Day, type: ActivityType? = nil, topic: String? = nil,
        on db: any SQLDatabase
    ) async throws -> Int {
        try await activities(territory: territory, type: type, topic: topic, on: db).filter { a in
            a.date <= at && since.map { a.date >= $0 } ?? true
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
        struct R: Decodable {
            var date: String
            var participants: Int?
        }
        let q: SQLQueryString =
            "SELECT a.date, a.participants FROM activities a"
            + ActivityQuery.whereClause(.init(type: type, topic: topic, territory: territory))
        return try await db.raw(q).all(decoding: R.self).compactMap { r in
            Day(iso: r.date).map { Dated(date: $0, participants: r.participants ?? 0) }
        }
    }

    /// The day each open structure of the couloir in the territory was first reached (on or after `since`).
    static func firstReached(couloir: Couloir, territory: String, since: Day?, on db: any SQLDatabase) async throws -> (
        first: [Day], open: Int
    ) {
        let scope = scope(couloir, territory)
        struct F: Decodable { var first: String }
        var q: SQLQueryString =
            "SELECT MIN(a.date) AS first FROM activity_structures x JOIN activities a ON a.id = x.activity_id JOIN structures s ON s.id = x.structure_id WHERE "
        q += scope
        if let since { q += " AND a.date >= \(bind: since.iso)" }
        q += " GROUP BY s.id"
        let first = try await db.raw(q).all(decoding: F.self).compactMap { Day(iso: $0.first) }.sorted()
        struct N: Decodable { var n: Int }
        let open =
            try await db.raw("SELECT COUNT(*) AS n FROM structures s WHERE " + scope).first(decoding: N.self)?.n ?? 0
        return (first, open)
    }

    /// The reach of every couloir in every listed territory, in two queries (the territorial view and
    /// its benchmark): territory code → couloir → reach. `MS` sums its sub-couloirs.
    static func table(territories: [String], since: Day?, at: Day, on db: any SQLDatabase) async throws -> [String:
        [Couloir: Reach]]
    {
        guard !territories.isEmpty else { return [:] }
        struct R: Decodable {
            var territory_code: String
            var couloir: String
            var n: Int
        }
        var reachedQuery: SQLQueryString = """
            SELECT tc.territory_code, s.couloir, COUNT(*) AS n FROM structures s JOIN territory_communes tc ON tc.commune_code = s.commune_code
            WHERE s.closed_on IS NULL AND tc.territory_code IN (\(binds: territories))
              AND EXISTS (SELECT 1 FROM activity_structures x JOIN activities a ON a.id = x.activity_id WHERE x.structure_id = s.id AND a.date <= \(bind: at.iso)
            """
        if let since { reachedQuery += " AND a.date >= \(bind: since.iso)" }
        reachedQuery += ") GROUP BY tc.territory_code, s.couloir"
        let reached = try await db.raw(reachedQuery).all(decoding: R.self)
        let open = try await db.raw(
            """
            SELECT tc.territory_code, s.couloir, COUNT(*) AS n FROM structures s JOIN territory_communes tc ON tc.commune_code = s.commune_code
            WHERE s.closed_on IS NULL AND tc.territory_code IN (\(binds: territories)) GROUP BY tc.territory_code, s.couloir
            """
        ).all(decoding: R.self)
        var out: [String: [Couloir: Reach]] = [:]
        for couloir in Self.reportedCouloirs {
            let members = Set(couloir.members.map(\.rawValue) + [couloir.rawValue])
            for t in territories {
                let r = reached.filter { $0.territory_code == t && members.contains($0.couloir) }.reduce(0) {
                    $0 + $1.n
                }
                let o = open.filter { $0.territory_code == t && members.contains($0.couloir) }.reduce(0) { $0 + $1.n }
                out[t, default: [:]][couloir] = Reach(reached: r, open: o)
            }
        }
        return out
    }

    /// What the territorial view lists: the territory, then its départements (a région) and its custom territories.
    static func territories(around t: Territory, on db: any SQLDatabase) async throws -> [Territory] {
        var list = [t]
        if t.kind == .region { list += try await TerritoryQuery.list(kind: .departement, parent: t.code, on: db) }
        return list + (try await TerritoryQuery.list(kind: .custom, parent: t.code, on: db))
    }

    /// The couloirs of the national reach indicators O2-02 … O2-07.
    static let reportedCouloirs: [Couloir] = [.es, .ms, .bio, .radio, .mdv, .pharma]

    /// Actions per topic (the NA table "Messagerie sécurisée 53, INS 42…"), in a window.
    static func perTopic(territory: String?, since: Day?, at: Day, on db: any SQLDatabase) async throws -> [(
        topic: String, actions: Int
    )] {
        var out: [(topic: String, actions: Int)] = []
        struct T: Decodable { var topic: String }
        for topic in try await db.raw("SELECT DISTINCT topic FROM activity_topics ORDER BY topic").all(decoding: T.self)
            .map(\.topic)
        {
            let n = try await actions(territory: territory, since: since, at: at, topic: topic, on: db)
            if n > 0 { out.append((topic, n)) }
        }
        return out.sorted { ($0.actions, $1.topic) > ($1.actions, $0.topic) }
    }
}
