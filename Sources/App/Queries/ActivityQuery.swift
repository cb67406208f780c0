import Foundation
import JalonCore
import SQLKit

/// Reads of the activity log: the journal for a filter, one activity, a structure's timeline.
enum ActivityQuery {
    static func whereClause(_ filter: ActivityFilter) -> SQLQueryString {
        var clause: SQLQueryString = " WHERE 1 = 1"
        if let from = filter.from { clause += " AND a.date >= \(bind: from.iso)" }
        if let to = filter.to { clause += " AND a.date <= \(bind: to.iso)" }
        if let type = filter.type { clause += " AND a.type = \(bind: type.rawValue)" }
        if let topic = filter.topic {
            clause += " AND a.id IN (SELECT activity_id FROM activity_topics WHERE topic = \(bind: topic))"
        }
        if let couloir = filter.couloir {
            let members = couloir.members.map(\.rawValue) + [couloir.rawValue]
            clause += """
                 AND (a.id IN (SELECT activity_id FROM activity_couloirs WHERE couloir IN (\(binds: members)))
                   OR a.id IN (SELECT x.activity_id
                        FROM activity_structures x JOIN structures s ON s.id = x.structure_id
                        WHERE s.couloir IN (\(binds: members))))
                """
        }
        if let territory = filter.territory {
            clause += """
                 AND (a.id IN (SELECT at.activity_id FROM activity_territories at
                               WHERE at.territory_code IN (\(TerritoryQuery.overlapping(territory))))
                   OR a.id IN (SELECT x.activity_id
                        FROM activity_structures x JOIN structures s ON s.id = x.structure_id
                        WHERE s.commune_code IN (\(TerritoryQuery.communes(of: territory)))))
                """
        }
        if let organiser = filter.organiser {
            clause += """
                 AND a.id IN (SELECT ao.activity_id FROM activity_organisers ao
                              WHERE LOWER(ao.label) LIKE \(bind: "%" + organiser.lowercased() + "%"))
                """
        }
        return clause
    }

    static func page(_ filter: ActivityFilter, on db: any SQLDatabase) async throws
        -> (rows: [ActivityRow], totals: ActivityTotals)
    {
        struct TotalsRow: Decodable {
            var activities: Int
            var participants: Int?
        }
        let clause = whereClause(filter)
        let totals = try await db.raw(
            """
            SELECT COUNT(*) AS activities, CAST(SUM(a.participants) AS BIGINT) AS participants FROM activities a
            """ + clause
        ).first(decoding: TotalsRow.self, with: .snakeCase)
        let reached = try await db.count(
            """
            SELECT COUNT(DISTINCT x.structure_id) AS n FROM activity_structures x
            WHERE x.activity_id IN (SELECT a.id FROM activities a
            """ + clause + ")")
        struct ListedRow: Decodable {
            var id: UUID
            var date, type, title: String
            var participants: Int?
            var reached: Int
        }
        let offset = max(0, (filter.page - 1) * filter.perPage)
        let rows = try await db.raw(
            """
            SELECT a.id, a.date, a.type, a.title, a.participants,
                   (SELECT COUNT(*) FROM activity_structures x WHERE x.activity_id = a.id) AS reached
            FROM activities a
            """ + clause
                + " ORDER BY a.date DESC, a.title, a.id LIMIT \(literal: filter.perPage) OFFSET \(literal: offset)"
        ).all(decoding: ListedRow.self, with: .snakeCase)
        var activities = rows.compactMap { row in
            Day(iso: row.date).map {
                ActivityRow(
                    id: row.id, date: $0, type: ActivityType(rawValue: row.type) ?? .evenement, title: row.title,
                    participants: row.participants, reached: row.reached)
            }
        }
        try await attachLinks(&activities, on: db)
        return (
            activities,
            ActivityTotals(
                activities: totals?.activities ?? 0, participants: totals?.participants ?? 0, structures: reached)
        )
    }

    /// Territories, organisers and topics of the listed activities, in three queries.
    static func attachLinks(_ rows: inout [ActivityRow], on db: any SQLDatabase) async throws {
        guard !rows.isEmpty else { return }
        let ids = rows.map(\.id)
        struct LinkRow: Decodable {
            var activityID: UUID
            var value: String
        }
        func links(_ table: String, _ column: String) async throws -> [UUID: [String]] {
            let found = try await db.select().column("activity_id").column(
                SQLAlias(SQLColumn(column), as: SQLIdentifier("value"))
            ).from(table)
                .where("activity_id", .in, ids).orderBy(column).all(decoding: LinkRow.self, with: .snakeCase)
            return Dictionary(grouping: found, by: \.activityID).mapValues { $0.map(\.value) }
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

    static func find(_ id: UUID, on db: any SQLDatabase) async throws -> ActivityDetail? {
        struct DetailRow: Decodable {
            var id: UUID
            var date, type, title, place, notes: String
            var participants, durationMinutes: Int?
            var remote: Bool
        }
        guard
            let detail = try await db.select().columns(
                "id", "date", "type", "title", "place", "notes", "participants", "duration_minutes", "remote"
            )
            .from("activities").where("id", .equal, id).first(decoding: DetailRow.self, with: .snakeCase),
            let date = Day(iso: detail.date)
        else { return nil }
        struct AttendanceRow: Decodable {
            var structureID: UUID
            var attendees: String
        }
        var rows = [
            ActivityRow(
                id: detail.id, date: date, type: ActivityType(rawValue: detail.type) ?? .evenement,
                title: detail.title, participants: detail.participants, reached: 0)
        ]
        try await attachLinks(&rows, on: db)
        struct CouloirRow: Decodable { var couloir: String }
        let couloirs = try await db.select().column("couloir").from("activity_couloirs").where(
            "activity_id", .equal, id
        ).orderBy("couloir").all(decoding: CouloirRow.self).map(\.couloir)
        let links = try await db.select().columns("structure_id", "attendees").from("activity_structures").where(
            "activity_id", .equal, id
        ).all(decoding: AttendanceRow.self, with: .snakeCase)
        let attendees = Dictionary(links.map { ($0.structureID, $0.attendees) }, uniquingKeysWith: { a, _ in a })
        let found =
            links.isEmpty
            ? []
            : try await db.raw(StructureQuery.select + " WHERE s.id IN (\(binds: links.map(\.structureID)))")
                .all(decoding: StructureQuery.Row.self, with: .snakeCase).map(\.structure)
        let structures = found.map { (structure: $0, attendees: attendees[$0.id] ?? "") }
        rows[0].reached = structures.count
        return ActivityDetail(
            row: rows[0], durationMinutes: detail.durationMinutes, place: detail.place, remote: detail.remote,
            notes: detail.notes,
            couloirs: couloirs,
            structures: structures.sorted { $0.structure.name < $1.structure.name },
            attachments: try await ActivityAttachments.list(activity: id, on: db),
            history: try await AuditQuery.history(type: "activity", id: id.uuidString, on: db))
    }

    /// A structure's activities, most recent first.
    static func timeline(structure id: UUID, on db: any SQLDatabase) async throws -> [ActivityRow] {
        struct TimelineRow: Decodable {
            var id: UUID
            var date, type, title: String
            var participants: Int?
        }
        let rows = try await db.raw(
            """
            SELECT a.id, a.date, a.type, a.title, a.participants
            FROM activities a JOIN activity_structures x ON x.activity_id = a.id
            WHERE x.structure_id = \(bind: id) ORDER BY a.date DESC, a.title
            """
        ).all(decoding: TimelineRow.self)
        var activities = rows.compactMap { row in
            Day(iso: row.date).map {
                ActivityRow(
                    id: row.id, date: $0, type: ActivityType(rawValue: row.type) ?? .evenement, title: row.title,
                    participants: row.participants, reached: 0)
            }
        }
        try await attachLinks(&activities, on: db)
        return activities
    }

    /// Per organiser label: actions, participants, distinct structures reached, actions per type.
    static func report(from: Day?, to: Day?, on db: any SQLDatabase) async throws -> [OrganiserSummary] {
        var clause: SQLQueryString = " WHERE 1 = 1"
        if let from { clause += " AND a.date >= \(bind: from.iso)" }
        if let to { clause += " AND a.date <= \(bind: to.iso)" }
        struct TypeRow: Decodable {
            var label: String
            var type: String
            var actions: Int
            var participants: Int?
        }
        let byType = try await db.raw(
            """
            SELECT ao.label, a.type, COUNT(*) AS actions, CAST(SUM(a.participants) AS BIGINT) AS participants
            FROM activity_organisers ao JOIN activities a ON a.id = ao.activity_id
            """
                + clause
                + " GROUP BY ao.label, a.type"
        ).all(decoding: TypeRow.self)
        struct ReachedRow: Decodable {
            var label: String
            var structures: Int
        }
        let structures = try await db.raw(
            """
            SELECT ao.label, COUNT(DISTINCT x.structure_id) AS structures
            FROM activity_organisers ao JOIN activities a ON a.id = ao.activity_id
            JOIN activity_structures x ON x.activity_id = a.id
            """
                + clause
                + " GROUP BY ao.label"
        ).all(decoding: ReachedRow.self)
        let reached = Dictionary(structures.map { ($0.label, $0.structures) }, uniquingKeysWith: +)
        return Dictionary(grouping: byType, by: \.label).map { label, rows in
            OrganiserSummary(
                organiser: label, actions: rows.reduce(0) { $0 + $1.actions },
                participants: rows.reduce(0) { $0 + ($1.participants ?? 0) },
                structures: reached[label] ?? 0,
                byType: Dictionary(rows.map { ($0.type, $0.actions) }, uniquingKeysWith: +))
        }.sorted { ($0.actions, $1.organiser) > ($1.actions, $0.organiser) }
    }
}
