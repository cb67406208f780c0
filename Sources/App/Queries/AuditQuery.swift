import Foundation
import SQLKit

/// Reads of the audit trail (written only by `AuditService`, inside the transaction of each write;
/// no route changes or deletes it).
struct AuditFilter: Sendable, Equatable {
    var actor: String?
    var action: String?
    var objectType: String?
    var objectID: String?
    var text: String?
    var from: Date?
    var to: Date?
    var page = 1
    var perPage = 100
}

enum AuditQuery {
    struct Event: Sendable, Equatable, Decodable {
        var at: Date
        var actor, action, object_type, object_id, summary, details: String
        /// Where the request came from; nil for the command line and older events.
        var address: String?
    }

    static func whereClause(_ f: AuditFilter) -> SQLQueryString {
        var w: SQLQueryString = " WHERE 1 = 1"
        if let a = f.actor { w += " AND actor = \(bind: a)" }
        if let a = f.action { w += " AND action = \(bind: a)" }
        if let t = f.objectType { w += " AND object_type = \(bind: t)" }
        if let id = f.objectID { w += " AND object_id = \(bind: id)" }
        if let t = f.text { w += " AND LOWER(summary) LIKE \(bind: "%" + StructureQuery.escapeLike(t.lowercased()) + "%") ESCAPE '\\'" }
        if let from = f.from { w += " AND at >= \(bind: from)" }
        if let to = f.to { w += " AND at < \(bind: to)" }
        return w
    }

    static func page(_ f: AuditFilter, on db: any SQLDatabase) async throws -> (events: [Event], total: Int) {
        struct N: Decodable { var n: Int }
        let total = try await db.raw("SELECT COUNT(*) AS n FROM audit_events" + whereClause(f)).first(decoding: N.self)?.n ?? 0
        let offset = max(0, (f.page - 1) * f.perPage)
        let events = try await db.raw("SELECT at, actor, address, action, object_type, object_id, summary, details FROM audit_events" + whereClause(f)
                                      + " ORDER BY at DESC, id LIMIT \(literal: f.perPage) OFFSET \(literal: offset)").all(decoding: Event.self)
        return (events, total)
    }

    /// An object's own history, most recent first.
    static func history(type: String, id: String, on db: any SQLDatabase) async throws -> [Event] {
        var f = AuditFilter()
        f.objectType = type
        f.objectID = id
        f.perPage = 200
        return try await page(f, on: db).events
    }

    static func csv(_ f: AuditFilter, on db: any SQLDatabase) async throws -> String {
        var all = f
        all.perPage = 100_000
        all.page = 1
        let iso = ISO8601DateFormatter()
        let events = try await page(all, on: db).events
        return "\u{FEFF}date;acteur;adresse;action;objet;identifiant;resume;details\r\n" + events.map { e in
            [iso.string(from: e.at), e.actor, e.address ?? "", e.action, e.object_type, e.object_id, e.summary, e.details].map(Structures.quote).joined(separator: ";") + "\r\n"
        }.joined()
    }
}
