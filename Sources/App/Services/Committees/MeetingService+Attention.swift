import Foundation
import JalonCore
import SQLKit

/// Points of attention raised in a meeting (needs, blocking points, successes, risks), followed until
/// they are closed; the committee's later meetings list those still open.
extension MeetingService {
    @discardableResult
    static func raise(_ id: UUID, kind raw: String, text rawText: String, on db: any SQLDatabase, actor: Actor)
        async throws -> UUID
    {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        guard let kind = AttentionKind(rawValue: raw) else {
            throw ServiceError.invalid("Type de point d'attention inconnu « \(raw.prefix(20)) ».", field: "kind")
        }
        let text = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 1_000 else {
            throw ServiceError.invalid("Décrivez le point d'attention (1 000 caractères au plus).", field: "text")
        }
        let point = UUID()
        try await db.insert(into: "attention_points").columns("id", "meeting_id", "kind", "text", "status", "closed_on")
            .values(
                SQLBind(point), SQLBind(id), SQLBind(kind.rawValue), SQLBind(text), SQLBind("ouvert"),
                SQLBind(String?.none)
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "attention_point", objectID: point.uuidString.lowercased(),
            summary: "\(kind.label) au comité « \(committee.name) » du \(Format.date(iso: meeting.day)) : "
                + String(text.prefix(120)))
        return point
    }

    static func closePoint(_ point: UUID, on db: any SQLDatabase, actor: Actor, today: Day = .today()) async throws {
        struct PointRow: Decodable {
            var meetingID: UUID
            var text, status: String
        }
        guard
            let found = try await db.select().columns("meeting_id", "text", "status").from("attention_points")
                .where("id", .equal, point).first(decoding: PointRow.self, with: .snakeCase)
        else { throw ServiceError.notFound("Point d'attention inconnu.") }
        _ = try await writable(found.meetingID, on: db, actor: actor)
        guard found.status == "ouvert" else { return }
        try await db.update("attention_points").set("status", to: "clos").set("closed_on", to: today.iso)
            .where("id", .equal, point).run()
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "attention_point", objectID: point.uuidString.lowercased(),
            summary: "Point d'attention clos : \(found.text.prefix(120))")
    }
}
