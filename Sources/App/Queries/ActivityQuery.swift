import Foundation
import JalonCore
import SQLKit

/// Reads of the activity log: the journal for a filter, one activity, a structure's timeline.
struct ActivityFilter: Sendable, Equatable {
    var from: Day?
    var to: Day?
    var type: ActivityType?
    var topic: String?
    var couloir: Couloir?
    var territory: String?
    var organiser: String?
    var page = 1
    var perPage = 50
}

struct ActivityRow: Sendable, Equatable {
    var id: UUID
    var date: Day
    var type: ActivityType
    var title: String
    var participants: Int?
    var reached: Int
    var territories: [String] = []
    var organisers: [String] = []
    var topics: [String] = []
}

enum ActivityQuery {
    static func whereClause(_ f: ActivityFilter) -> SQLQueryString {
        var q: SQLQueryString = " WHERE 1 = 1"
        if let from = f.from { q += " AND a.date >= \(bind: from.iso)" }
        if let to = f.to { q += " AND a.date <= \(bind: to.iso)" }
        if let type = f.type { q += " AND a.type = \(bind: type.rawValue)" }
        if let topic = f.topic {
            q += " AND a.id IN (SELECT activity_id FROM activity_topics WHERE topic = \(bind: topic))"
        }
        if let c = f.couloir {
            let members = c.members.map(\.rawValue) + [c.rawValue]
            q +=
                " AND (a.id IN (SELECT activity_id FROM activity_couloirs WHERE couloir IN (\(binds: members))) OR a.id IN (SELECT x.activity_id FROM activity_structures x JOIN structures s ON s.id = x.structure_id WHERE s.couloir IN (\(binds: members))))"
        }
        if let t = f.territory {
            q += """
                 AND (a.id IN (SELECT at.activity_id FROM activity_territories at WHERE at.territory_code IN (
                        SELECT b.territory_code FROM territory_communes c JOIN territory_communes b ON b.commune_code = c.commune_code WHERE c.territory_code = \(bind: t)))
                   OR a.id IN (SELECT x.activity_id FROM activity_structures x JOIN structures s ON s.id = x.structure_id
                        WHERE s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: t))))
                """
        }
        if let o = f.organiser {
            q +=
                " AND a.id IN (SELECT ao.activity_id FROM activity_organisers ao WHERE LOWER(ao.label) LIKE \(bind: "%" + o.lowercased() + "%"))"
        }
        return q
    }

    struct Totals: Sendable, Equatable { var activities = 0, participants = 0, structures = 0 }

    static func page(_ f: ActivityFilter, on db: any SQLDatabase) async throws -> (rows: [ActivityRow], totals: Totals)
    {
        struct T: Decodable {
            var n: Int
            var p: Int?
        }
        let w = whereClause(f)
        let t = try await db.raw("SELECT COUNT(*) AS n, CAST(SUM(a.participants) AS BIGINT) AS p FROM activities a" + w)
            .first(decoding: T.self)
        struct S: Decodable { var n: Int }
        let reached =
            try await db.raw(
                "SELECT COUNT(DISTINCT x.structure_id) AS n FROM activity_structures x WHERE x.activity_id IN (SELECT a.id FROM activities a"
                    + w + ")"
            )
            .first(decoding: S.self)?.n ?? 0
        struct R: Decodable {
            var id: UUID
            var date, type, title: String
            var participants: Int?
            var reached: Int
        }
        let offset = max(0, (f.page - 1) * f.perPage)
        let rows = try await db.raw(
            """
            SELECT a.id, a.date, a.type, a.title, a.participants, (SELECT COUNT(*) FROM activity_structures x WHERE x.activity_id = a.id) AS reached
            FROM activities a
            """ + w + " ORDER BY a.date DESC, a.title, a.id LIMIT \(literal: f.perPage) OFFSET \(literal: offset)"
        ).all(decoding: R.self)
        var out = rows.compactMap { r in
            Day(iso: r.date).map {
                ActivityRow(
                    id: r.id, date: $0, type: ActivityType(rawValue: r.type) ?? .evenement, title: r.title,
                    participants: r.participants, reached: r.reached)
            }
        }
        try await attachLinks(&out, on: db)
        return (out, Totals(activities: t?.n ?? 0, participants: t?.p ?? 0, structures: reached))
    }

    /// Territories, organisers and topics of the listed activities, in three queries.
    static func attachLinks(_ rows: inout [ActivityRow], on db: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let ids = rows.map(\.id)
        struct L: Decodable {
            var activity_id: UUID
            var v: String
        }
        func links(_ table: String, _ column: String) async throws -> [UUID: [String]] {
            let found = try await db.select().column("activity_id").column(
                SQLAlias(SQLColumn(column), as: SQLIdentifier("v"))
            ).from(table)
                .where("activity_id", .in, ids).orderBy(column).all(decoding: L.self)
            return Dictionary(grouping: found, by: \.activity_id).mapValues { $0.map(\.v) }
        }
        let territories = try await links("activity_territories", "territory_code")
        let organisers = try await links("activity_organisers", "label")
        let topics = try await links("activity_topics", "topic")
        for i in rows.indices {
            rows[i].territories = territories[rows[i].id] ?? []
            rows[i].organisers = organisers[rows[i].id] ?? []
            rows[i].topics = topics[rows[i].id] ?? []
        }
    }

    struct Detail: Sendable {
        var row: ActivityRow
        var durationMinutes: Int?
        var place: String
        var remote: Bool
        var notes: String
        var couloirs: [String]
        var structures: [(structure: Structure, attendees: String)]
        var attachments: [ActivityAttachments.Item] = []
        var history: [AuditQuery.Event] = []
    }

    static func find(_ id: UUID, on db: any SQLDatabase) async throws -> Detail? {
        struct R: Decodable {
            var id: UUID
            var date, type, title, place, notes: String
            var participants, duration_minutes: Int?
            var remote: Bool
        }
        guard
            let r = try await db.select().columns(
                "id", "date", "type", "title", "place", "notes", "participants", "duration_minutes", "remote"
            )
            .from("activities").where("id", .equal, id).first(decoding: R.self), let date = Day(iso: r.date)
        else { return nil }
        struct X: Decodable {
            var structure_id: UUID
            var attendees: String
        }
        var rows = [
            ActivityRow(
                id: r.id, date: date, type: ActivityType(rawValue: r.type) ?? .evenement, title: r.title,
                participants: r.participants, reached: 0)
        ]
        try await attachLinks(&rows, on: db)
        struct C: Decodable { var couloir: String }
        let couloirs = try await db.select().column("couloir").from("activity_couloirs").where(
            "activity_id", .equal, id
        ).orderBy("couloir").all(decoding: C.self).map(\.couloir)
        let links = try await db.select().columns("structure_id", "attendees").from("activity_structures").where(
            "activity_id", .equal, id
        ).all(decoding: X.self)
        let attendees = Dictionary(links.map { ($0.structure_id, $0.attendees) }, uniquingKeysWith: { a, _ in a })
        let found =
            links.isEmpty
            ? []
            : try await db.raw(StructureQuery.select + " WHERE s.id IN (\(binds: links.map(\.structure_id)))")
                .all(decoding: StructureQuery.Row.self).map(\.structure)
        let structures = found.map { (structure: $0, attendees: attendees[$0.id] ?? "") }
        rows[0].reached = structures.count
        return Detail(
            row: rows[0], durationMinutes: r.duration_minutes, place: r.place, remote: r.remote, notes: r.notes,
            couloirs: couloirs,
            structures: structures.sorted { $0.structure.name < $1.structure.name },
            attachments: try await ActivityAttachments.list(activity: id, on: db),
            history: try await AuditQuery.history(type: "activity", id: id.uuidString, on: db))
    }

    /// A structure's activities, most recent first.
    static func timeline(structure id: UUID, on db: any SQLDatabase) async throws -> [ActivityRow] {
        struct R: Decodable {
            var id: UUID
            var date, type, title: String
            var participants: Int?
        }
        let rows = try await db.raw(
            """
            SELECT a.id, a.date, a.type, a.title, a.participants FROM activities a JOIN activity_structures x ON x.activity_id = a.id
            WHERE x.structure_id = \(bind: id) ORDER BY a.date DESC, a.title
            """
        ).all(decoding: R.self)
        var out = rows.compactMap { r in
            Day(iso: r.date).map {
                ActivityRow(
                    id: r.id, date: $0, type: ActivityType(rawValue: r.type) ?? .evenement, title: r.title,
                    participants: r.participants, reached: 0)
            }
        }
        try await attachLinks(&out, on: db)
        return out
    }

    /// Per organiser label: actions, participants, distinct structures reached, actions per type.
    static func report(from: Day?, to: Day?, on db: any SQLDatabase) async throws -> [ActivityMonthPage.ReportRow] {
        var w: SQLQueryString = " WHERE 1 = 1"
        if let from { w += " AND a.date >= \(bind: from.iso)" }
        if let to { w += " AND a.date <= \(bind: to.iso)" }
        struct T: Decodable {
            var label: String
            var type: String
            var n: Int
            var p: Int?
        }
        let byType = try await db.raw(
            "SELECT ao.label, a.type, COUNT(*) AS n, CAST(SUM(a.participants) AS BIGINT) AS p FROM activity_organisers ao JOIN activities a ON a.id = ao.activity_id"
                + w
                + " GROUP BY ao.label, a.type"
        ).all(decoding: T.self)
        struct S: Decodable {
            var label: String
            var n: Int
        }
        let structures = try await db.raw(
            "SELECT ao.label, COUNT(DISTINCT x.structure_id) AS n FROM activity_organisers ao JOIN activities a ON a.id = ao.activity_id JOIN activity_structures x ON x.activity_id = a.id"
                + w
                + " GROUP BY ao.label"
        ).all(decoding: S.self)
        let reached = Dictionary(structures.map { ($0.label, $0.n) }, uniquingKeysWith: +)
        return Dictionary(grouping: byType, by: \.label).map { label, rows in
            ActivityMonthPage.ReportRow(
                organiser: label, actions: rows.reduce(0) { $0 + $1.n },
                participants: rows.reduce(0) { $0 + ($1.p ?? 0) },
                structures: reached[label] ?? 0, byType: Dictionary(rows.map { ($0.type, $0.n) }, uniquingKeysWith: +))
        }.sorted { ($0.actions, $1.organiser) > ($1.actions, $0.organiser) }
    }
}
