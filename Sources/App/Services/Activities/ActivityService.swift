import Foundation
import JalonCore
import SQLKit
import Vapor

/// Field activities: validation, links (topics, couloirs, territories, organisers, structures reached),
/// audit, one transaction per write. An activity with an import key is updated in place when its
/// content changed and left alone when it did not, so a journal can be imported again.
enum ActivityService {
    struct Reached: Content, Equatable {
        /// FINESS, RPPS or SIRET (or the structure's id).
        var structure: String
        var attendees: String?
    }

    struct Input: Content, Equatable {
        var date: String
        var type: String
        var title: String
        var duration_minutes: Int?
        var place: String?
        var remote: Bool?
        var participants: String?
        var notes: String?
        var topics: [String]?
        var couloirs: [String]?
        var territories: [String]?
        var structures: [Reached]?
        /// Organisation codes or names, or contact e-mails; others are kept as written.
        var organisers: [String]?
        /// Follow-ups decided during the activity: each becomes a task on the roadmap board.
        var followups: [String]?
    }

    struct Resolved: Sendable, Equatable {
        var date: Day
        var type: ActivityType
        var title: String
        var durationMinutes: Int?
        var place: String
        var remote: Bool
        var participants: Int?
        var notes: String
        var topics: [String]
        var couloirs: [String]
        var territories: [String]
        var structures: [(id: UUID, attendees: String)]
        var organisers: [(organisation: UUID?, contact: UUID?, label: String)]

        static func == (a: Resolved, b: Resolved) -> Bool { a.hash == b.hash }

        /// What decides whether a re-imported line changes anything.
        var hash: String {
            var parts: [String] = [
                date.iso, type.rawValue, title, durationMinutes.map(String.init) ?? "", place, remote ? "1" : "0"
            ]
            parts.append(participants.map(String.init) ?? "")
            parts.append(notes)
            parts.append(topics.joined(separator: ","))
            parts.append(couloirs.joined(separator: ","))
            parts.append(territories.joined(separator: ","))
            parts.append(structures.map { $0.id.uuidString + ":" + $0.attendees }.joined(separator: ","))
            let organiserParts: [String] = organisers.map { o in
                let org: String = o.organisation?.uuidString ?? ""
                let contact: String = o.contact?.uuidString ?? ""
                return org + ":" + contact + ":" + o.label
            }
            parts.append(organiserParts.joined(separator: ","))
            return ContentHash.of(parts)
        }
    }

    /// What one activity may hold: enough for a webinar reaching every EHPAD of a région, not for a
    /// request that would create thousands of tasks.
    enum Limits {
        static let structures = 3_000, territories = 200, organisers = 50, followups = 50, topics = 50, couloirs = 20
        static let notes = 20_000, place = 300, followup = 500, attendees = 300
    }

    static func checkSizes(_ i: Input) throws {
        try ServiceError.checkCount(
            i.structures?.count ?? 0, limit: Limits.structures, label: "structures touchées", field: "structures")
        try ServiceError.checkCount(
            i.territories?.count ?? 0, limit: Limits.territories, label: "territoires", field: "territoires")
        try ServiceError.checkCount(
            i.organisers?.count ?? 0, limit: Limits.organisers, label: "organisateurs", field: "organisateurs")
        try ServiceError.checkCount(
            i.followups?.count ?? 0, limit: Limits.followups, label: "suites à donner", field: "suites")
        try ServiceError.checkCount(i.topics?.count ?? 0, limit: Limits.topics, label: "thèmes", field: "themes")
        try ServiceError.checkCount(
            i.couloirs?.count ?? 0, limit: Limits.couloirs, label: "couloirs", field: "couloirs")
        try ServiceError.checkLength(i.notes, limit: Limits.notes, label: "Notes", field: "notes")
        try ServiceError.checkLength(i.place, limit: Limits.place, label: "Lieu", field: "lieu")
        for line in i.followups ?? [] {
            try ServiceError.checkLength(line, limit: Limits.followup, label: "Suite à donner", field: "suites")
        }
        for reached in i.structures ?? [] {
            try ServiceError.checkLength(
                reached.attendees, limit: Limits.attendees, label: "Participants de la structure", field: "structures")
        }
    }

    static func resolve(_ i: Input, on db: any SQLDatabase) async throws -> Resolved {
        try checkSizes(i)
        guard
            let date = Day(iso: i.date.trimmedSpaces)
                ?? Period(i.date).flatMap({ p -> Day? in if case .day(let d) = p { d } else { nil } })
        else {
            throw ServiceError.invalid(
                "Date illisible « \(i.date.prefix(30)) » (ex. 2022-03-15 ou 15/03/2022).", field: "date")
        }
        try ServiceError.checkYear(date, raw: i.date, label: "Date", field: "date")
        guard let type = ActivityType(text: i.type) else {
            throw ServiceError.invalid(
                "Type d'activité inconnu « \(i.type.prefix(40)) » (\(ActivityType.allCases.map(\.label).joined(separator: ", "))).",
                field: "type")
        }
        let title = i.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 300 else {
            throw ServiceError.invalid("Le titre est obligatoire (300 caractères au plus).", field: "titre")
        }
        var participants: Int?
        if let p = i.participants?.trimmedSpaces, !p.isEmpty {
            guard case .number(let v, false)? = FrenchNumber.parse(p), v >= 0, v == v.rounded(), v < 1_000_000 else {
                throw ServiceError.invalid(
                    "Nombre de participants illisible « \(p.prefix(20)) ».", field: "participants")
            }
            participants = Int(v)
        }
        if let d = i.duration_minutes, d < 0 || d > 100_000 {
            throw ServiceError.invalid("Durée impossible : \(d) minutes.", field: "duree")
        }
        var couloirs: [String] = []
        for raw in i.couloirs ?? [] where !raw.trimmedSpaces.isEmpty {
            guard let c = Couloir(code: raw.trimmedSpaces) else {
                throw ServiceError.invalid("Couloir inconnu « \(raw.prefix(20)) ».", field: "couloirs")
            }
            if !couloirs.contains(c.rawValue) { couloirs.append(c.rawValue) }
        }
        let lookups = ObservationLookups(db)
        var territories: [String] = []
        for raw in i.territories ?? [] where !raw.trimmedSpaces.isEmpty {
            guard let code = try await lookups.territory(raw) else {
                throw ServiceError.invalid("Territoire inconnu « \(raw.prefix(40)) ».", field: "territoires")
            }
            if !territories.contains(code) { territories.append(code) }
        }
        var structures: [(id: UUID, attendees: String)] = []
        for r in i.structures ?? [] where !r.structure.trimmedSpaces.isEmpty {
            guard let s = try await lookups.structure(r.structure.trimmedSpaces) else {
                throw ServiceError.invalid(
                    "Structure inconnue « \(r.structure.prefix(40)) » (FINESS, RPPS ou SIRET).", field: "structures")
            }
            if !structures.contains(where: { $0.id == s.id }) {
                structures.append((s.id, r.attendees?.trimmedSpaces ?? ""))
            }
        }
        var organisers: [(organisation: UUID?, contact: UUID?, label: String)] = []
        for raw in i.organisers ?? [] {
            let label = raw.trimmedSpaces
            guard !label.isEmpty else { continue }
            organisers.append(try await organiser(label, on: db))
        }
        var topics: [String] = []
        for code in (i.topics ?? []).compactMap(ActivityTopic.code) where !topics.contains(code) { topics.append(code) }
        return Resolved(
            date: date, type: type, title: title, durationMinutes: i.duration_minutes,
            place: i.place?.trimmedSpaces ?? "", remote: i.remote ?? false,
            participants: participants, notes: i.notes?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
            topics: topics, couloirs: couloirs,
            territories: territories, structures: structures, organisers: organisers)
    }

    /// An organisation by code or name, a contact by e-mail — shown by their name; otherwise the label as written.
    static func organiser(_ label: String, on db: any SQLDatabase) async throws -> (
        organisation: UUID?, contact: UUID?, label: String
    ) {
        if label.contains("@") {
            struct C: Decodable {
                var id: UUID
                var first_name, last_name: String
            }
            if let c = try await db.select().columns("id", "first_name", "last_name").from("contacts")
                .where(SQLFunction("LOWER", args: SQLColumn("email")), .equal, SQLBind(label.lowercased())).first(
                    decoding: C.self)
            {
                return (nil, c.id, "\(c.first_name) \(c.last_name)".trimmedSpaces)
            }
        }
        struct O: Decodable {
            var id: UUID
            var name: String
        }
        if let o = try await db.select().columns("id", "name").from("organisations").where(
            "code", .equal, label.uppercased()
        )
        .orWhere(SQLFunction("LOWER", args: SQLColumn("name")), .equal, SQLBind(label.lowercased())).first(
            decoding: O.self)
        {
            return (o.id, nil, o.name)
        }
        return (nil, nil, label)
    }

    enum Change: Equatable {
        case created(UUID)
        case updated(UUID)
        case unchanged(UUID)
    }

    /// Creates the activity, or — with an import key already known — replaces it when its content changed.
    static func save(_ r: Resolved, importKey: String? = nil, on db: any SQLDatabase, actor: Actor) async throws
        -> Change
    {
        struct E: Decodable {
            var id: UUID
            var content_hash: String
        }
        let now = Date()
        let hash = r.hash
        var id = UUID.ordered()
        var existed = false
        var changes = FieldChanges()
        try await authorize(r, actor: actor, on: db)
        if let importKey,
            let e = try await db.select().columns("id", "content_hash").from("activities").where(
                "import_key", .equal, importKey
            ).first(decoding: E.self)
        {
            if e.content_hash == hash { return .unchanged(e.id) }
            try await authorize(existing: e.id, actor: actor, on: db)
            id = e.id
            existed = true
            changes = try await self.changes(of: id, to: r, on: db)
            for table in [
                "activity_topics", "activity_couloirs", "activity_territories", "activity_organisers",
                "activity_structures"
            ] {
                try await db.delete(from: table).where("activity_id", .equal, id).run()
            }
            try await db.update("activities").set("content_hash", to: hash).set("type", to: r.type.rawValue).set(
                "title", to: r.title
            ).set("date", to: r.date.iso)
                .set("duration_minutes", to: r.durationMinutes).set("place", to: r.place).set("remote", to: r.remote)
                .set("participants", to: r.participants)
                .set("notes", to: r.notes).set("updated_at", to: now).where("id", .equal, id).run()
        } else {
            try await db.insert(into: "activities")
                .columns(
                    "id", "import_key", "content_hash", "type", "title", "date", "duration_minutes", "place", "remote",
                    "participants", "notes", "created_at", "updated_at"
                )
                .values(
                    SQLBind(id), SQLBind(importKey), SQLBind(hash), SQLBind(r.type.rawValue), SQLBind(r.title),
                    SQLBind(r.date.iso), SQLBind(r.durationMinutes),
                    SQLBind(r.place), SQLBind(r.remote), SQLBind(r.participants), SQLBind(r.notes), SQLBind(now),
                    SQLBind(now)
                )
                .run()
        }
        try await db.insertBatched(
            into: "activity_topics", columns: ["activity_id", "topic"], rows: r.topics.map { [id, $0] })
        try await db.insertBatched(
            into: "activity_couloirs", columns: ["activity_id", "couloir"], rows: r.couloirs.map { [id, $0] })
        try await db.insertBatched(
            into: "activity_territories", columns: ["activity_id", "territory_code"],
            rows: r.territories.map { [id, $0] })
        try await db.insertBatched(
            into: "activity_organisers", columns: ["activity_id", "organisation_id", "contact_id", "label"],
            rows: r.organisers.map { [id, $0.organisation, $0.contact, $0.label] })
        try await db.insertBatched(
            into: "activity_structures", columns: ["activity_id", "structure_id", "attendees"],
            rows: r.structures.map { [id, $0.id, $0.attendees] })
        try await RollupCache.invalidateComputed(on: db)
        try await AuditService.record(
            db, actor: actor, action: existed ? "update" : "create", objectType: "activity", objectID: id.uuidString,
            summary:
                "\(r.type.label) « \(r.title.prefix(80)) » du \(Format.date(iso: r.date.iso)) : \(r.structures.count) structures touchées"
                + (changes.isEmpty ? "" : " ; modifié : " + changes.fields.joined(separator: ", ")), changes: changes)
        return existed ? .updated(id) : .created(id)
    }

    /// What a replacement changes, field by field (structures by their FINESS), read before it is written.
    static func changes(of id: UUID, to r: Resolved, on db: any SQLDatabase) async throws -> FieldChanges {
        struct A: Decodable {
            var type, title, date, place, notes: String
            var duration_minutes, participants: Int?
            var remote: Bool
        }
        struct V: Decodable { var v: String? }
        guard
            let a = try await db.select().columns(
                "type", "title", "date", "place", "notes", "duration_minutes", "participants", "remote"
            ).from("activities")
                .where("id", .equal, id).first(decoding: A.self)
        else { return FieldChanges() }
        func values(_ sql: SQLQueryString) async throws -> [String] {
            try await db.raw(sql).all(decoding: V.self).compactMap(\.v)
        }
        var c = FieldChanges()
        c.compare("type", ActivityType(rawValue: a.type)?.label ?? a.type, r.type.label)
        c.compare("titre", a.title, r.title)
        c.compare("date", Format.date(iso: a.date), Format.date(iso: r.date.iso))
        c.compare("durée (min)", a.duration_minutes.map(String.init), r.durationMinutes.map(String.init))
        c.compare("lieu", a.place, r.place)
        c.compare("à distance", a.remote ? "oui" : "non", r.remote ? "oui" : "non")
        c.compare("participants", a.participants.map(String.init), r.participants.map(String.init))
        c.compare("notes", a.notes, r.notes)
        c.compare(
            "thèmes", set: try await values("SELECT topic AS v FROM activity_topics WHERE activity_id = \(bind: id)"),
            r.topics)
        c.compare(
            "couloirs",
            set: try await values("SELECT couloir AS v FROM activity_couloirs WHERE activity_id = \(bind: id)"),
            r.couloirs)
        c.compare(
            "territoires",
            set: try await values(
                "SELECT territory_code AS v FROM activity_territories WHERE activity_id = \(bind: id)"), r.territories)
        c.compare(
            "organisateurs",
            set: try await values("SELECT label AS v FROM activity_organisers WHERE activity_id = \(bind: id)"),
            r.organisers.map(\.label))
        let before = try await values(
            """
            SELECT COALESCE(NULLIF(s.finess_et, ''), s.name) AS v FROM activity_structures x JOIN structures s ON s.id = x.structure_id WHERE x.activity_id = \(bind: id)
            """)
        var after: [String] = []
        let ids = r.structures.map(\.id)
        for start in stride(from: 0, to: ids.count, by: 500) {
            after += try await values(
                "SELECT COALESCE(NULLIF(finess_et, ''), name) AS v FROM structures WHERE id IN (\(binds: Array(ids[start..<min(start + 500, ids.count)])))"
            )
        }
        c.compare("structures", set: before, after)
        return c
    }

    /// An animateur logs the activities of his territories: every territory the activity names and
    /// every structure it reached must lie in his — naming his own territory does not let him move
    /// another territory's reach.
    static func authorize(_ r: Resolved, actor: Actor, on db: any SQLDatabase) async throws {
        try await authorize(territories: r.territories, structures: { r.structures.map(\.id) }, actor: actor, on: db)
    }

    /// The same rule for an activity already stored (an attachment, a corrected import line).
    static func authorize(existing id: UUID, actor: Actor, on db: any SQLDatabase) async throws {
        guard !actor.grant.isUnrestricted(in: .activities) else { return }
        struct T: Decodable { var territory_code: String }
        struct S: Decodable { var structure_id: UUID }
        let territories = try await db.select().column("territory_code").from("activity_territories").where(
            "activity_id", .equal, id
        ).all(decoding: T.self)
        try await authorize(
            territories: territories.map(\.territory_code),
            structures: {
                try await db.select().column("structure_id").from("activity_structures").where(
                    "activity_id", .equal, id
                ).all(decoding: S.self).map(\.structure_id)
            }, actor: actor, on: db)
    }

    /// The structures are read only for an actor whose rights stop at some territories.
    private static func authorize(
        territories: [String], structures: () async throws -> [UUID], actor: Actor, on db: any SQLDatabase
    ) async throws {
        guard !actor.grant.isUnrestricted(in: .activities) else { return }
        var communes = try await Actor.communes(of: territories, on: db)
        communes.formUnion(try await structureCommunes(try await structures(), on: db))
        try await actor.authorize(.init(area: .activities, communes: communes.isEmpty ? nil : communes), on: db)
    }

    /// The communes of some structures; a structure with no known commune counts as lying nowhere the
    /// actor animates (`Grant.unlocated`), so only a regional role may name it.
    static func structureCommunes(_ ids: [UUID], on db: any SQLDatabase) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        struct C: Decodable { var commune_code: String? }
        var communes: Set<String> = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let rows = try await db.select().column("commune_code").from("structures").where("id", .in, chunk).all(
                decoding: C.self)
            communes.formUnion(rows.map { $0.commune_code ?? Grant.unlocated })
        }
        return communes
    }

    /// One task on the roadmap board per follow-up, titled after the activity it comes from.
    static func createFollowUps(_ lines: [String], after r: Resolved, on db: any SQLDatabase, actor: Actor) async throws
        -> Int
    {
        var n = 0
        for line in lines.map(\.trimmedSpaces) where !line.isEmpty {
            let title = "\(line) — suite de « \(r.title.prefix(80)) » (\(Format.date(iso: r.date.iso)))"
            _ = try await TaskService.create(
                .init(
                    title: String(title.prefix(TaskService.maxTitle)), assignee: "", due: "", action: "",
                    territory: r.territories.first ?? ""), on: db, actor: actor)
            n += 1
        }
        return n
    }
}
