import Foundation
import JalonCore
import SQLKit

/// A meeting's agenda: items in order, each with its duration, speakers and what it is about; and the check
/// of a subject (fiche, indicator, territory) shared with the decisions.
extension MeetingService {
    struct Subject: Sendable, Equatable {
        var kind: MeetingSubjectKind
        var code: String
    }

    /// The subject named by a form, checked against the referential; nil when the form names none.
    static func checkedSubject(kind rawKind: String?, code rawCode: String?, on db: any SQLDatabase) async throws
        -> Subject?
    {
        let code = (rawCode ?? "").trimmedSpaces
        let kindText = (rawKind ?? "").trimmedSpaces
        guard !code.isEmpty else { return nil }
        guard let kind = MeetingSubjectKind(rawValue: kindText) else {
            throw ServiceError.invalid(
                "Sujet inconnu « \(kindText.prefix(20)) » (fiche, indicateur ou territoire).", field: "subject_kind")
        }
        let table =
            switch kind {
            case .fiche: "fiches"
            case .indicator: "indicators"
            case .territory: "territories"
            }
        let found = try await db.count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE code = \(bind: code)")
        guard found > 0 else {
            throw ServiceError.invalid("\(kind.label) inconnu(e) « \(code.prefix(40)) ».", field: "subject_code")
        }
        return Subject(kind: kind, code: code)
    }

    /// An item written as one line, `20 min | Titre | intervenants`.
    static func addAgendaItem(
        _ id: UUID, line: String, subject: Subject? = nil, on db: any SQLDatabase, actor: Actor
    ) async throws {
        guard let item = AgendaTemplate.item(line) else {
            throw ServiceError.invalid(
                "Point d'ordre du jour illisible : écrivez « 20 min | Titre | intervenants ».", field: "item")
        }
        try await addAgendaItem(id, item: item, subject: subject, on: db, actor: actor)
    }

    static func addAgendaItem(
        _ id: UUID, item raw: AgendaTemplate.Item, subject: Subject? = nil, on db: any SQLDatabase, actor: Actor
    ) async throws {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        let item = AgendaTemplate.Item(
            minutes: raw.minutes, title: raw.title.trimmedSpaces, speakers: raw.speakers.trimmedSpaces)
        guard !item.title.isEmpty, item.title.count <= 300 else {
            throw ServiceError.invalid("Titre du point : de 1 à 300 caractères.", field: "title")
        }
        guard (1...480).contains(item.minutes) else {
            throw ServiceError.invalid("Durée du point en minutes, de 1 à 480.", field: "duration_minutes")
        }
        guard item.speakers.count <= 300 else {
            throw ServiceError.invalid("Intervenants : 300 caractères au plus.", field: "speakers")
        }
        let count = try await db.count("SELECT COUNT(*) AS n FROM agenda_items WHERE meeting_id = \(bind: id)")
        try await db.insert(into: "agenda_items")
            .columns("id", "meeting_id", "sort", "duration_minutes", "title", "speakers", "link_kind", "link_code")
            .values(
                SQLBind(UUID()), SQLBind(id), SQLBind(count), SQLBind(item.minutes), SQLBind(item.title),
                SQLBind(item.speakers), SQLBind(subject?.kind.rawValue ?? ""), SQLBind(subject?.code ?? "")
            ).run()
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Ordre du jour « \(committee.name) » du \(Format.date(iso: meeting.day)) : \(item.title)")
    }

    static func removeAgendaItem(_ id: UUID, item: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        var order = try await MeetingQuery.agenda(id, on: db)
        guard let index = order.firstIndex(where: { $0.id == item }) else {
            throw ServiceError.notFound("Point d'ordre du jour inconnu.")
        }
        let removed = order.remove(at: index)
        try await db.delete(from: "agenda_items").where("id", .equal, item).run()
        try await renumber(order, on: db)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary:
                "Ordre du jour « \(committee.name) » du \(Format.date(iso: meeting.day)) : « \(removed.title) » retiré")
    }

    /// Moves an item one place up (`offset` -1) or down (+1).
    static func moveAgendaItem(_ id: UUID, item: UUID, offset: Int, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        var order = try await MeetingQuery.agenda(id, on: db)
        guard let index = order.firstIndex(where: { $0.id == item }) else {
            throw ServiceError.notFound("Point d'ordre du jour inconnu.")
        }
        let target = index + offset
        guard offset == -1 || offset == 1, order.indices.contains(target) else {
            throw ServiceError.invalid("Ce point est déjà \(offset < 0 ? "le premier" : "le dernier").")
        }
        order.swapAt(index, target)
        try await renumber(order, on: db)
        var changes = FieldChanges()
        changes.compare("position", "\(index + 1)", "\(target + 1)")
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Ordre du jour « \(committee.name) » du \(Format.date(iso: meeting.day)) : "
                + "« \(order[target].title) » déplacé",
            changes: changes)
    }

    /// Numbered 0…n-1 so that the order is whole again whatever it was.
    private static func renumber(_ order: [MeetingQuery.AgendaItem], on db: any SQLDatabase) async throws {
        for (sort, entry) in order.enumerated() where entry.sort != sort {
            try await db.update("agenda_items").set("sort", to: sort).where("id", .equal, entry.id).run()
        }
    }
}
