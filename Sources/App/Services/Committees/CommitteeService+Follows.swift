import Foundation
import JalonCore
import SQLKit

/// The fiches a committee follows (a thematic committee, a COTAN on its priorities): its pack then shows
/// their indicators only.
extension CommitteeService {
    static func follow(_ code: String, fiche rawFiche: String, on db: any SQLDatabase, actor: Actor) async throws {
        let committee = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        guard let subject = try await MeetingService.checkedSubject(kind: "fiche", code: rawFiche, on: db) else {
            throw ServiceError.invalid("Choisissez une fiche.", field: "fiche")
        }
        guard !(try await CommitteeQuery.followedFiches(of: committee.id, on: db)).contains(subject.code) else {
            return
        }
        try await db.insert(into: "committee_follows").columns("committee_id", "kind", "code")
            .values(SQLBind(committee.id), SQLBind(MeetingSubjectKind.fiche.rawValue), SQLBind(subject.code)).run()
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "committee", objectID: code,
            summary: "Le comité « \(committee.name) » suit la fiche \(subject.code)")
    }

    static func unfollow(_ code: String, fiche: String, on db: any SQLDatabase, actor: Actor) async throws {
        let committee = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        guard (try await CommitteeQuery.followedFiches(of: committee.id, on: db)).contains(fiche) else { return }
        try await db.delete(from: "committee_follows").where("committee_id", .equal, committee.id)
            .where("kind", .equal, MeetingSubjectKind.fiche.rawValue).where("code", .equal, fiche).run()
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "committee", objectID: code,
            summary: "Le comité « \(committee.name) » ne suit plus la fiche \(fiche)")
    }
}
