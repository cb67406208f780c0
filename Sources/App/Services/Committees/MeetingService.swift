import Foundation
import JalonCore
import SQLKit

/// A committee's meetings: when and where, the agenda, invitations and attendance. Runs in the caller's
/// transaction; the rights are the committee's (a pilote, or an animateur for his territories' COTAN);
/// every write is audited.
enum MeetingService {
    /// The meeting and its committee, once the actor may write them.
    static func writable(_ id: UUID, on db: any SQLDatabase, actor: Actor) async throws
        -> (MeetingQuery.Meeting, CommitteeQuery.Committee)
    {
        guard let meeting = try await MeetingQuery.find(id, on: db) else {
            throw ServiceError.notFound("Réunion inconnue.")
        }
        guard let committee = try await CommitteeQuery.find(id: meeting.committeeID, on: db) else {
            throw ServiceError.notFound("Comité inconnu.")
        }
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        return (meeting, committee)
    }

    struct Details: Sendable, Equatable {
        /// `2027-03-09` or `09/03/2027`.
        var day: String
        /// `14:00`.
        var startTime: String
        var durationMinutes: String
        var place: String
        var videoURL: String
        /// A `MeetingStatus` raw value.
        var status: String
    }

    struct CheckedDetails: Sendable, Equatable {
        var day: Day
        var startTime: String
        var durationMinutes: Int
        var place, videoURL: String
        var status: MeetingStatus
    }

    /// The details as stored, or a French refusal naming the field.
    static func checked(_ details: Details) throws -> CheckedDetails {
        guard let day = Day(iso: details.day.trimmedSpaces) ?? Milestone.parse(details.day) else {
            throw ServiceError.invalid("Date illisible « \(details.day.prefix(20)) » (ex. 2027-03-09).", field: "day")
        }
        try ServiceError.checkYear(day, raw: details.day, label: "Date", field: "day")
        let time = details.startTime.trimmedSpaces
        let parts = time.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) else {
            throw ServiceError.invalid("Heure illisible « \(time.prefix(10)) » (ex. 14:00).", field: "start_time")
        }
        guard let duration = Int(details.durationMinutes.trimmedSpaces), (15...720).contains(duration) else {
            throw ServiceError.invalid("Durée en minutes, de 15 à 720.", field: "duration_minutes")
        }
        guard let status = MeetingStatus(rawValue: details.status) else {
            throw ServiceError.invalid("Statut de réunion inconnu « \(details.status.prefix(20)) ».", field: "status")
        }
        let place = details.place.trimmedSpaces
        let video = details.videoURL.trimmedSpaces
        guard place.count <= 300, video.count <= 500 else {
            throw ServiceError.invalid("Lieu (300 caractères) ou lien (500 caractères) trop long.")
        }
        guard video.isEmpty || video.hasPrefix("https://") else {
            throw ServiceError.invalid("Le lien de visioconférence commence par https://.", field: "video_url")
        }
        return CheckedDetails(
            day: day, startTime: String(format: "%02d:%02d", parts[0], parts[1]), durationMinutes: duration,
            place: place, videoURL: video, status: status)
    }

    static func update(_ id: UUID, _ details: Details, version: Int?, on db: any SQLDatabase, actor: Actor)
        async throws
    {
        let (before, committee) = try await writable(id, on: db, actor: actor)
        let checked = try checked(details)
        let (day, startTime, duration, place, video, status) = (
            checked.day, checked.startTime, checked.durationMinutes, checked.place, checked.videoURL, checked.status
        )
        try await OptimisticVersion.bump("meetings", id: id, expected: version, label: "La réunion", on: db)
        try await db.update("meetings").set("day", to: day.iso).set("start_time", to: startTime)
            .set("duration_minutes", to: duration).set("place", to: place).set("video_url", to: video)
            .set("status", to: status.rawValue).set("updated_at", to: Date()).where("id", .equal, id).run()
        var changes = FieldChanges()
        changes.compare("date", Format.date(iso: before.day), Format.date(iso: day.iso))
        changes.compare("heure", before.startTime, startTime)
        changes.compare("durée", "\(before.durationMinutes) min", "\(duration) min")
        changes.compare("lieu", before.place, place)
        changes.compare("visioconférence", before.videoUrl, video)
        changes.compare("statut", MeetingStatus(rawValue: before.status)?.label, status.label)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Réunion « \(committee.name) » du \(Format.date(iso: day.iso)) modifiée", changes: changes)
    }

    /// Invites every member of the committee not invited yet; returns how many.
    @discardableResult
    static func inviteMembers(_ id: UUID, on db: any SQLDatabase, actor: Actor) async throws -> Int {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        struct ContactRow: Decodable { var contactID: UUID }
        let invited = Set(
            try await db.select().column("contact_id").from("meeting_attendance").where("meeting_id", .equal, id)
                .all(decoding: ContactRow.self, with: .snakeCase).map(\.contactID))
        var added = 0
        for member in try await CommitteeQuery.members(of: committee.id, on: db)
        where !invited.contains(member.contactID) {
            try await db.insert(into: "meeting_attendance")
                .columns("meeting_id", "contact_id", "presence", "represented_by")
                .values(SQLBind(id), SQLBind(member.contactID), SQLBind(Presence.invited.rawValue), SQLBind(""))
                .run()
            added += 1
        }
        if added > 0 {
            try await AuditService.record(
                db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
                summary: "Réunion « \(committee.name) » du \(Format.date(iso: meeting.day)) : \(added) invité(s)")
        }
        return added
    }

    static func setPresence(
        _ id: UUID, contact: UUID, presence: String, representedBy: String = "", on db: any SQLDatabase,
        actor: Actor
    ) async throws {
        let (meeting, committee) = try await writable(id, on: db, actor: actor)
        guard let chosen = Presence(rawValue: presence) else {
            throw ServiceError.invalid("Présence inconnue « \(presence.prefix(20)) ».", field: "presence")
        }
        let deputy = representedBy.trimmedSpaces
        guard deputy.count <= 200 else { throw ServiceError.invalid("Représentant : 200 caractères au plus.") }
        guard chosen != .represented || !deputy.isEmpty else {
            throw ServiceError.invalid("Dites par qui le membre est représenté.", field: "represented_by")
        }
        struct PresenceRow: Decodable { var presence: String }
        guard
            let before = try await db.select().column("presence").from("meeting_attendance")
                .where("meeting_id", .equal, id).where("contact_id", .equal, contact).first(decoding: PresenceRow.self)
        else { throw ServiceError.invalid("Ce contact n'est pas invité à la réunion.", field: "contact") }
        try await db.update("meeting_attendance").set("presence", to: chosen.rawValue)
            .set("represented_by", to: chosen == .represented ? deputy : "").where("meeting_id", .equal, id)
            .where("contact_id", .equal, contact).run()
        var changes = FieldChanges()
        changes.compare("présence", Presence(rawValue: before.presence)?.label, chosen.label)
        try await AuditService.record(
            db, actor: actor, action: "update", objectType: "meeting", objectID: id.uuidString.lowercased(),
            summary: "Présence à la réunion « \(committee.name) » du \(Format.date(iso: meeting.day))",
            changes: changes)
    }
}
