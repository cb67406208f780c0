import Foundation
import SQLKit

/// Reads of the audit trail (written only by `AuditService`, inside the transaction of each write;
/// no route changes or deletes it).
enum AuditQuery {
    static func whereClause(_ filter: AuditFilter) -> SQLQueryString {
        var clause: SQLQueryString = " WHERE 1 = 1"
        if let actor = filter.actor { clause += " AND actor = \(bind: actor)" }
        if let action = filter.action { clause += " AND action = \(bind: action)" }
        if let type = filter.objectType { clause += " AND object_type = \(bind: type)" }
        if let id = filter.objectID { clause += " AND object_id = \(bind: id)" }
        if let text = filter.text {
            // The text is looked for in the summary and in the before → after of each change.
            let pattern = "%" + StructureQuery.escapeLike(text.lowercased()) + "%"
            clause += """
                 AND (LOWER(summary) LIKE \(bind: pattern) ESCAPE '\\'
                      OR LOWER(details) LIKE \(bind: pattern) ESCAPE '\\')
                """
        }
        if let from = filter.from { clause += " AND at >= \(bind: from)" }
        if let to = filter.to { clause += " AND at < \(bind: to)" }
        return clause
    }

    static func page(_ filter: AuditFilter, on db: any SQLDatabase) async throws -> (events: [AuditEvent], total: Int) {
        let total = try await db.count("SELECT COUNT(*) AS n FROM audit_events" + whereClause(filter))
        let offset = max(0, (filter.page - 1) * filter.perPage)
        let events = try await db.raw(
            "SELECT at, actor, address, action, object_type, object_id, summary, details FROM audit_events"
                + whereClause(filter)
                + " ORDER BY at DESC, id LIMIT \(literal: filter.perPage) OFFSET \(literal: offset)"
        ).all(decoding: AuditEvent.self, with: .snakeCase)
        return (events, total)
    }

    /// An object's own history, most recent first.
    static func history(type: String, id: String, on db: any SQLDatabase) async throws -> [AuditEvent] {
        try await history([.objects(type: type, ids: [id])], on: db)
    }

    /// Which events make up a page's history: its own object, the objects it contains (a fiche's
    /// actions), or a family of objects whose identifier starts with the page's (an indicator's targets).
    enum Scope: Sendable {
        case objects(type: String, ids: [String])
        case prefix(type: String, prefix: String)
        case infix(type: String, part: String)
        /// Every object of a type (a list page's recent changes).
        case type(String)
    }

    /// The history of a page made of several objects, most recent first. Pages are read by every role:
    /// the actor is shown by his name, never by his e-mail or his address (those stay in `/audit`,
    /// for administrators).
    static func history(_ scopes: [Scope], limit: Int = 200, on db: any SQLDatabase) async throws -> [AuditEvent] {
        try await named(try await events(scopes, limit: limit, on: db), on: db)
    }

    /// Actors as people read them: `anim@… (jeton « import »)` → `Claire Exemple (jeton « import »)`.
    static func named(_ events: [AuditEvent], on db: any SQLDatabase) async throws -> [AuditEvent] {
        func split(_ actor: String) -> (email: String, rest: String) {
            guard let cut = actor.range(of: " (") else { return (actor, "") }
            return (String(actor[..<cut.lowerBound]), String(actor[cut.lowerBound...]))
        }
        let names = try await accountNames(Set(events.map { split($0.actor).email }), on: db)
        return events.map { event in
            var shown = event
            let (email, rest) = split(event.actor)
            if email.contains("@") { shown.actor = (names[email] ?? "un compte Jalon") + rest }
            shown.address = nil
            return shown
        }
    }

    /// E-mail → name of the accounts among `emails` (anything that is not an e-mail is left out).
    static func accountNames(_ emails: Set<String>, on db: any SQLDatabase) async throws -> [String: String] {
        let wanted = emails.filter { $0.contains("@") }
        guard !wanted.isEmpty else { return [:] }
        struct Account: Decodable { var email, name: String }
        let accounts = try await db.select().columns("email", "name").from("users").where("email", .in, Array(wanted))
            .all(decoding: Account.self)
        return Dictionary(
            accounts.map { ($0.email, $0.name.isEmpty ? "un compte Jalon" : $0.name) },
            uniquingKeysWith: { first, _ in first })
    }

    private static func events(_ scopes: [Scope], limit: Int, on db: any SQLDatabase) async throws -> [AuditEvent] {
        var clause: SQLQueryString = " WHERE 1 = 0"
        for scope in scopes {
            switch scope {
            case .objects(let type, let ids) where !ids.isEmpty:
                clause += " OR (object_type = \(bind: type) AND object_id IN (\(binds: ids)))"
            case .objects:
                continue
            case .prefix(let type, let prefix):
                let pattern = StructureQuery.escapeLike(prefix) + "%"
                clause += " OR (object_type = \(bind: type) AND object_id LIKE \(bind: pattern) ESCAPE '\\')"
            case .type(let type):
                clause += " OR object_type = \(bind: type)"
            case .infix(let type, let part):
                let pattern = "%" + StructureQuery.escapeLike(part) + "%"
                clause += " OR (object_type = \(bind: type) AND object_id LIKE \(bind: pattern) ESCAPE '\\')"
            }
        }
        return try await db.raw(
            "SELECT at, actor, address, action, object_type, object_id, summary, details FROM audit_events" + clause
                + " ORDER BY at DESC, id LIMIT \(literal: limit)"
        ).all(decoding: AuditEvent.self, with: .snakeCase)
    }

    static func csv(_ filter: AuditFilter, on db: any SQLDatabase) async throws -> String {
        var all = filter
        all.perPage = 100_000
        all.page = 1
        let iso = ISO8601DateFormatter()
        let events = try await page(all, on: db).events
        return "\u{FEFF}date;acteur;adresse;action;objet;identifiant;resume;details\r\n"
            + events.map { event in
                [
                    iso.string(from: event.at), event.actor, event.address ?? "", event.action, event.objectType,
                    event.objectID, event.summary, event.details
                ].map(CSVField.quote).joined(separator: ";") + "\r\n"
            }.joined()
    }
}
