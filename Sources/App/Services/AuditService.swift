import Foundation
import JalonCore
import SQLKit

/// Appends to the audit trail. Always called inside the transaction of the write it records, so a
/// rolled-back write leaves no audit row and a committed one always has its row.
enum AuditService {
    static func record(
        _ db: any SQLDatabase, actor: Actor, action: String, objectType: String, objectID: String,
        summary: String, details: [String: String] = [:]
    ) async throws {
        let json =
            (try? JSONSerialization.data(withJSONObject: details, options: [.sortedKeys])).flatMap {
                String(data: $0, encoding: .utf8)
            } ?? "{}"
        try await db.insert(into: "audit_events")
            .columns("id", "at", "actor", "address", "action", "object_type", "object_id", "summary", "details")
            .values(
                SQLBind(UUID()), SQLBind(Date()), SQLBind(actor.name), SQLBind(actor.address), SQLBind(action),
                SQLBind(objectType),
                SQLBind(objectID), SQLBind(summary), SQLBind(json)
            )
            .run()
    }

    /// Records an update with its field-by-field before → after.
    static func record(
        _ db: any SQLDatabase, actor: Actor, action: String, objectType: String, objectID: String,
        summary: String, changes: FieldChanges
    ) async throws {
        try await record(
            db, actor: actor, action: action, objectType: objectType, objectID: objectID, summary: summary,
            details: changes.details)
    }
}
