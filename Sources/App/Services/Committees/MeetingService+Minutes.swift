import Foundation
import JalonCore
import SQLKit

/// Minutes: a draft written in the meeting, then approved and locked; changing approved minutes needs
/// an audited reopening with its reason.
extension MeetingService {
    static let maxMinutes = 50_000

    static func saveMinutes(_ id: UUID, text: String, version: Int?, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        guard meeting.minutesStatus != MinutesStatus.approved.rawValue else {
            throw ServiceError.conflict("Le compte rendu est approuvé : rouvrez-le pour le modifier.")
        }
        let minutes = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard minutes.count <= maxMinutes else {
            throw ServiceError.invalid("Compte rendu : \(maxMinutes) caractères au plus.", field: "minutes")
        }
        guard minutes != meeting.minutes else { return }
        try await OptimisticVersion.bump("meetings", id: id, expected: version, label: "Le compte rendu", on: db)
        try await db.update("meetings").set("minutes", to: minutes)
            .set("minutes_status", to: minutes.isEmpty ? MinutesStatus.none.rawValue : MinutesStatus.draft.rawValue)
            .set("updated_at", to: Date()).where("id", .equal, id).run()
        var changes = FieldChanges()
        changes.compare("compte rendu", meeting.minutes.nilIfEmpty, minutes.nilIfEmpty)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Compte rendu « \(committee.name) » du \(Format.date(iso: meeting.day)) enregistré",
            changes: changes)
    }

    static func approveMinutes(_ id: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        guard meeting.minutesStatus == MinutesStatus.draft.rawValue else {
            throw ServiceError.conflict(
                meeting.minutesStatus == MinutesStatus.approved.rawValue
                    ? "Le compte rendu est déjà approuvé." : "Écrivez le compte rendu avant de l'approuver.")
        }
        try await setMinutesStatus(meeting, .approved, on: db)
        try await AuditService.record(
            db, actor: actor, action: "approve", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Compte rendu « \(committee.name) » du \(Format.date(iso: meeting.day)) approuvé")
    }

    static func reopenMinutes(_ id: UUID, reason: String, on db: any SQLDatabase, actor: Actor) async throws {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        guard meeting.minutesStatus == MinutesStatus.approved.rawValue else {
            throw ServiceError.conflict("Seul un compte rendu approuvé se rouvre.")
        }
        let why = reason.trimmedSpaces
        guard !why.isEmpty, why.count <= 500 else {
            throw ServiceError.invalid("Dites pourquoi le compte rendu approuvé est rouvert.", field: "reason")
        }
        try await setMinutesStatus(meeting, .draft, on: db)
        try await AuditService.record(
            db, actor: actor, action: "reopen", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Compte rendu « \(committee.name) » du \(Format.date(iso: meeting.day)) rouvert : \(why)",
            details: ["motif": why])
    }

    static func setMinutesStatus(_ meeting: MeetingQuery.Meeting, _ status: MinutesStatus, on db: any SQLDatabase)
        async throws
    {
        try await db.update("meetings").set("minutes_status", to: status.rawValue)
            .set("version", to: meeting.version + 1).set("updated_at", to: Date())
            .where("id", .equal, meeting.id).run()
    }

    /// Minutes are published when approved: a draft is read by those who may write the committee only (a
    /// pilote, the animateur of the COTAN's territory), not by a lecteur nor by another territory's animateur.
    static func mayReadDraftMinutes(_ committee: CommitteeQuery.Committee, actor: Actor, on db: any SQLDatabase)
        async throws -> Bool
    {
        guard actor.grant.role.mayWrite(.committees) else { return false }
        do {
            try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
            return true
        } catch let error as ServiceError where error.kind == .forbidden {
            return false
        }
    }
}
