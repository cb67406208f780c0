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
        var durationMinutes: Int?
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

        enum CodingKeys: String, CodingKey {
            case date, type, title
            case durationMinutes = "duration_minutes"
            case place, remote, participants, notes, topics, couloirs, territories, structures, organisers, followups
        }
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

        static func == (lhs: Resolved, rhs: Resolved) -> Bool { lhs.hash == rhs.hash }

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
            let organiserParts: [String] = organisers.map { organiser in
                let org: String = organiser.organisation?.uuidString ?? ""
                let contact: String = organiser.contact?.uuidString ?? ""
                return org + ":" + contact + ":" + organiser.label
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

    static func checkSizes(_ input: Input) throws {
        try ServiceError.checkCount(
            input.structures?.count ?? 0, limit: Limits.structures, label: "structures touchées", field: "structures")
        try ServiceError.checkCount(
            input.territories?.count ?? 0, limit: Limits.territories, label: "territoires", field: "territoires")
        try ServiceError.checkCount(
            input.organisers?.count ?? 0, limit: Limits.organisers, label: "organisateurs", field: "organisateurs")
        try ServiceError.checkCount(
            input.followups?.count ?? 0, limit: Limits.followups, label: "suites à donner", field: "suites")
        try ServiceError.checkCount(input.topics?.count ?? 0, limit: Limits.topics, label: "thèmes", field: "themes")
        try ServiceError.checkCount(
            input.couloirs?.count ?? 0, limit: Limits.couloirs, label: "couloirs", field: "couloirs")
        try ServiceError.checkLength(input.notes, limit: Limits.notes, label: "Notes", field: "notes")
        try ServiceError.checkLength(input.place, limit: Limits.place, label: "Lieu", field: "lieu")
        for line in input.followups ?? [] {
            try ServiceError.checkLength(line, limit: Limits.followup, label: "Suite à donner", field: "suites")
        }
        for reached in input.structures ?? [] {
            try ServiceError.checkLength(
                reached.attendees, limit: Limits.attendees, label: "Participants de la structure", field: "structures")
        }
    }

    static func resolve(_ input: Input, on db: any SQLDatabase) async throws -> Resolved {
        try checkSizes(input)
        guard
            let date = Day(iso: input.date.trimmedSpaces)
                ?? Period(input.date).flatMap({ period -> Day? in
                    if case .day(let day) = period { day } else { nil }
                })
        else {
            throw ServiceError.invalid(
                "Date illisible « \(input.date.prefix(30)) » (ex. 2022-03-15 ou 15/03/2022).", field: "date")
        }
        try ServiceError.checkYear(date, raw: input.date, label: "Date", field: "date")
        guard let type = ActivityType(text: input.type) else {
            throw ServiceError.invalid(
                "Type d'activité inconnu « \(input.type.prefix(40)) » ("
                    + ActivityType.allCases.map(\.label).joined(separator: ", ") + ").",
                field: "type")
        }
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 300 else {
            throw ServiceError.invalid("Le titre est obligatoire (300 caractères au plus).", field: "titre")
        }
        var participants: Int?
        if let written = input.participants?.trimmedSpaces, !written.isEmpty {
            guard case .number(let count, false)? = FrenchNumber.parse(written), count >= 0, count == count.rounded(),
                count < 1_000_000
            else {
                throw ServiceError.invalid(
                    "Nombre de participants illisible « \(written.prefix(20)) ».", field: "participants")
            }
            participants = Int(count)
        }
        if let minutes = input.durationMinutes, minutes < 0 || minutes > 100_000 {
            throw ServiceError.invalid("Durée impossible : \(minutes) minutes.", field: "duree")
        }
        var couloirs: [String] = []
        for raw in input.couloirs ?? [] where !raw.trimmedSpaces.isEmpty {
            guard let couloir = Couloir(code: raw.trimmedSpaces) else {
                throw ServiceError.invalid("Couloir inconnu « \(raw.prefix(20)) ».", field: "couloirs")
            }
            if !couloirs.contains(couloir.rawValue) { couloirs.append(couloir.rawValue) }
        }
        let lookups = ObservationLookups(db)
        var territories: [String] = []
        for raw in input.territories ?? [] where !raw.trimmedSpaces.isEmpty {
            guard let code = try await lookups.territory(raw) else {
                throw ServiceError.invalid("Territoire inconnu « \(raw.prefix(40)) ».", field: "territoires")
            }
            if !territories.contains(code) { territories.append(code) }
        }
        var structures: [(id: UUID, attendees: String)] = []
        for reached in input.structures ?? [] where !reached.structure.trimmedSpaces.isEmpty {
            guard let structure = try await lookups.structure(reached.structure.trimmedSpaces) else {
                throw ServiceError.invalid(
                    "Structure inconnue « \(reached.structure.prefix(40)) » (FINESS, RPPS ou SIRET).",
                    field: "structures")
            }
            if !structures.contains(where: { $0.id == structure.id }) {
                structures.append((structure.id, reached.attendees?.trimmedSpaces ?? ""))
            }
        }
        var organisers: [(organisation: UUID?, contact: UUID?, label: String)] = []
        for raw in input.organisers ?? [] {
            let label = raw.trimmedSpaces
            guard !label.isEmpty else { continue }
            organisers.append(try await organiser(label, on: db))
        }
        var topics: [String] = []
        for code in (input.topics ?? []).compactMap(ActivityTopic.code) where !topics.contains(code) {
            topics.append(code)
        }
        return Resolved(
            date: date, type: type, title: title, durationMinutes: input.durationMinutes,
            place: input.place?.trimmedSpaces ?? "", remote: input.remote ?? false,
            participants: participants, notes: input.notes?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "",
            topics: topics, couloirs: couloirs,
            territories: territories, structures: structures, organisers: organisers)
    }

    /// An organisation by code or name, a contact by e-mail — shown by their name; otherwise the label
    /// as written.
    static func organiser(_ label: String, on db: any SQLDatabase) async throws -> (
        organisation: UUID?, contact: UUID?, label: String
    ) {
        if label.contains("@") {
            struct ContactNameRow: Decodable {
                var id: UUID
                var firstName, lastName: String
            }
            if let contact = try await db.select().columns("id", "first_name", "last_name").from("contacts")
                .where(SQLFunction("LOWER", args: SQLColumn("email")), .equal, SQLBind(label.lowercased())).first(
                    decoding: ContactNameRow.self, with: .snakeCase)
            {
                return (nil, contact.id, "\(contact.firstName) \(contact.lastName)".trimmedSpaces)
            }
        }
        struct OrganisationRow: Decodable {
            var id: UUID
            var name: String
        }
        if let organisation = try await db.select().columns("id", "name").from("organisations").where(
            "code", .equal, label.uppercased()
        )
        .orWhere(SQLFunction("LOWER", args: SQLColumn("name")), .equal, SQLBind(label.lowercased())).first(
            decoding: OrganisationRow.self)
        {
            return (organisation.id, nil, organisation.name)
        }
        return (nil, nil, label)
    }

    enum Change: Equatable {
        case created(UUID)
        case updated(UUID)
        case unchanged(UUID)
    }

    /// Creates the activity, or — with an import key already known — replaces it when its content changed.
    static func save(_ activity: Resolved, importKey: String? = nil, on db: any SQLDatabase, actor: Actor)
        async throws -> Change
    {
        struct ContentHashRow: Decodable {
            var id: UUID
            var contentHash: String
        }
        let now = Date()
        let hash = activity.hash
        var id = UUID.ordered()
        var existed = false
        var changes = FieldChanges()
        try await authorize(activity, actor: actor, on: db)
        if let importKey,
            let stored = try await db.select().columns("id", "content_hash").from("activities").where(
                "import_key", .equal, importKey
            ).first(decoding: ContentHashRow.self, with: .snakeCase)
        {
            if stored.contentHash == hash { return .unchanged(stored.id) }
            try await authorize(existing: stored.id, actor: actor, on: db)
            id = stored.id
            existed = true
            changes = try await self.changes(of: id, to: activity, on: db)
            for table in [
                "activity_topics", "activity_couloirs", "activity_territories", "activity_organisers",
                "activity_structures"
            ] {
                try await db.delete(from: table).where("activity_id", .equal, id).run()
            }
            try await db.update("activities").set("content_hash", to: hash).set("type", to: activity.type.rawValue)
                .set("title", to: activity.title).set("date", to: activity.date.iso)
                .set("duration_minutes", to: activity.durationMinutes).set("place", to: activity.place)
                .set("remote", to: activity.remote).set("participants", to: activity.participants)
                .set("notes", to: activity.notes).set("updated_at", to: now).where("id", .equal, id).run()
        } else {
            try await db.insert(into: "activities")
                .columns(
                    "id", "import_key", "content_hash", "type", "title", "date", "duration_minutes", "place", "remote",
                    "participants", "notes", "created_at", "updated_at"
                )
                .values(
                    SQLBind(id), SQLBind(importKey), SQLBind(hash), SQLBind(activity.type.rawValue),
                    SQLBind(activity.title), SQLBind(activity.date.iso), SQLBind(activity.durationMinutes),
                    SQLBind(activity.place), SQLBind(activity.remote), SQLBind(activity.participants),
                    SQLBind(activity.notes), SQLBind(now), SQLBind(now)
                )
                .run()
        }
        try await db.insertBatched(
            into: "activity_topics", columns: ["activity_id", "topic"], rows: activity.topics.map { [id, $0] })
        try await db.insertBatched(
            into: "activity_couloirs", columns: ["activity_id", "couloir"], rows: activity.couloirs.map { [id, $0] })
        try await db.insertBatched(
            into: "activity_territories", columns: ["activity_id", "territory_code"],
            rows: activity.territories.map { [id, $0] })
        try await db.insertBatched(
            into: "activity_organisers", columns: ["activity_id", "organisation_id", "contact_id", "label"],
            rows: activity.organisers.map { [id, $0.organisation, $0.contact, $0.label] })
        try await db.insertBatched(
            into: "activity_structures", columns: ["activity_id", "structure_id", "attendees"],
            rows: activity.structures.map { [id, $0.id, $0.attendees] })
        try await RollupCache.invalidateComputed(on: db)
        try await AuditService.record(
            db, actor: actor, action: existed ? "update" : "create", objectType: "activity", objectID: id.uuidString,
            summary:
                "\(activity.type.label) « \(activity.title.prefix(80)) » du \(Format.date(iso: activity.date.iso)) : "
                + "\(activity.structures.count) structures touchées"
                + (changes.isEmpty ? "" : " ; modifié : " + changes.fields.joined(separator: ", ")), changes: changes)
        return existed ? .updated(id) : .created(id)
    }

    /// What a replacement changes, field by field (structures by their FINESS), read before it is written.
    static func changes(of id: UUID, to activity: Resolved, on db: any SQLDatabase) async throws -> FieldChanges {
        struct StoredActivityRow: Decodable {
            var type, title, date, place, notes: String
            var durationMinutes, participants: Int?
            var remote: Bool
        }
        struct ValueRow: Decodable { var value: String? }
        guard
            let stored = try await db.select().columns(
                "type", "title", "date", "place", "notes", "duration_minutes", "participants", "remote"
            ).from("activities")
                .where("id", .equal, id).first(decoding: StoredActivityRow.self, with: .snakeCase)
        else { return FieldChanges() }
        func values(_ sql: SQLQueryString) async throws -> [String] {
            try await db.raw(sql).all(decoding: ValueRow.self).compactMap(\.value)
        }
        var changes = FieldChanges()
        changes.compare("type", ActivityType(rawValue: stored.type)?.label ?? stored.type, activity.type.label)
        changes.compare("titre", stored.title, activity.title)
        changes.compare("date", Format.date(iso: stored.date), Format.date(iso: activity.date.iso))
        changes.compare(
            "durée (min)", stored.durationMinutes.map(String.init), activity.durationMinutes.map(String.init))
        changes.compare("lieu", stored.place, activity.place)
        changes.compare("à distance", stored.remote ? "oui" : "non", activity.remote ? "oui" : "non")
        changes.compare(
            "participants", stored.participants.map(String.init), activity.participants.map(String.init))
        changes.compare("notes", stored.notes, activity.notes)
        changes.compare(
            "thèmes",
            set: try await values("SELECT topic AS value FROM activity_topics WHERE activity_id = \(bind: id)"),
            activity.topics)
        changes.compare(
            "couloirs",
            set: try await values("SELECT couloir AS value FROM activity_couloirs WHERE activity_id = \(bind: id)"),
            activity.couloirs)
        changes.compare(
            "territoires",
            set: try await values(
                "SELECT territory_code AS value FROM activity_territories WHERE activity_id = \(bind: id)"),
            activity.territories)
        changes.compare(
            "organisateurs",
            set: try await values("SELECT label AS value FROM activity_organisers WHERE activity_id = \(bind: id)"),
            activity.organisers.map(\.label))
        let before = try await values(
            """
            SELECT COALESCE(NULLIF(s.finess_et, ''), s.name) AS value
            FROM activity_structures x JOIN structures s ON s.id = x.structure_id
            WHERE x.activity_id = \(bind: id)
            """)
        var after: [String] = []
        let ids = activity.structures.map(\.id)
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            after += try await values(
                "SELECT COALESCE(NULLIF(finess_et, ''), name) AS value FROM structures WHERE id IN (\(binds: chunk))")
        }
        changes.compare("structures", set: before, after)
        return changes
    }

    /// An animateur logs the activities of his territories: every territory the activity names and
    /// every structure it reached must lie in his — naming his own territory does not let him move
    /// another territory's reach.
    static func authorize(_ activity: Resolved, actor: Actor, on db: any SQLDatabase) async throws {
        try await authorize(
            territories: activity.territories, structures: { activity.structures.map(\.id) }, actor: actor, on: db)
    }

    /// The same rule for an activity already stored (an attachment, a corrected import line).
    static func authorize(existing id: UUID, actor: Actor, on db: any SQLDatabase) async throws {
        guard !actor.grant.isUnrestricted(in: .activities) else { return }
        struct TerritoryCodeRow: Decodable { var territoryCode: String }
        struct StructureIDRow: Decodable { var structureID: UUID }
        let territories = try await db.select().column("territory_code").from("activity_territories").where(
            "activity_id", .equal, id
        ).all(decoding: TerritoryCodeRow.self, with: .snakeCase)
        try await authorize(
            territories: territories.map(\.territoryCode),
            structures: {
                try await db.select().column("structure_id").from("activity_structures").where(
                    "activity_id", .equal, id
                ).all(decoding: StructureIDRow.self, with: .snakeCase).map(\.structureID)
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
        struct CommuneCodeRow: Decodable { var communeCode: String? }
        var communes: Set<String> = []
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let rows = try await db.select().column("commune_code").from("structures").where("id", .in, chunk).all(
                decoding: CommuneCodeRow.self, with: .snakeCase)
            communes.formUnion(rows.map { $0.communeCode ?? Grant.unlocated })
        }
        return communes
    }

    /// One task on the roadmap board per follow-up, titled after the activity it comes from.
    static func createFollowUps(_ lines: [String], after activity: Resolved, on db: any SQLDatabase, actor: Actor)
        async throws -> Int
    {
        var created = 0
        for line in lines.map(\.trimmedSpaces) where !line.isEmpty {
            let title =
                "\(line) — suite de « \(activity.title.prefix(80)) » (\(Format.date(iso: activity.date.iso)))"
            _ = try await TaskService.create(
                .init(
                    title: String(title.prefix(TaskService.maxTitle)), assignee: "", due: "", action: "",
                    territory: activity.territories.first ?? ""), on: db, actor: actor)
            created += 1
        }
        return created
    }
}
