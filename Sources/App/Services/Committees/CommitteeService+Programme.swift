import Foundation
import JalonCore
import SQLKit

/// The annual programme: the meetings a committee's frequency proposes for a year, planned with its
/// agenda template, and then edited meeting by meeting.
extension CommitteeService {
    /// Plans the proposed meetings the committee does not have yet on those days; returns how many.
    /// Running it again plans nothing more.
    @discardableResult
    static func planYear(_ code: String, year: Int, on db: any SQLDatabase, actor: Actor) async throws -> Int {
        let committee = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        guard (2000...2100).contains(year) else {
            throw ServiceError.invalid("Année « \(year) » hors de 2000–2100.", field: "year")
        }
        guard let frequency = CommitteeFrequency(french: committee.frequency) else {
            throw ServiceError.invalid("Fréquence illisible « \(committee.frequency) » : corrigez le comité.")
        }
        let planned = Set(try await MeetingQuery.meetings(committee: committee.id, year: year, on: db).map(\.day))
        let agenda = AgendaTemplate.items(committee.agendaTemplate)
        let duration = max(60, agenda.reduce(0) { $0 + $1.minutes })
        var created = 0
        for day in AnnualProgramme.propose(frequency, year: year) where !planned.contains(day.iso) {
            try await insertMeeting(
                of: committee,
                .init(
                    day: day, startTime: "14:00", durationMinutes: duration, place: "", videoURL: "", status: .planned),
                agenda: agenda, on: db)
            created += 1
        }
        if created > 0 {
            try await AuditService.record(
                db, actor: actor, action: "create", objectType: "committee", objectID: code,
                summary: "Programme \(year) du comité « \(committee.name) » : \(created) réunion(s) planifiée(s)")
        }
        return created
    }

    /// Plans one meeting outside the programme (an extraordinary session, a date moved to another week), with the
    /// committee's agenda template; its duration is the template's when none is given.
    static func planMeeting(_ code: String, _ details: MeetingService.Details, on db: any SQLDatabase, actor: Actor)
        async throws -> UUID
    {
        let committee = try await existing(code, on: db)
        try await actor.authorize(.committees, territories: committee.territoryCode.map { [$0] } ?? [], on: db)
        let agenda = AgendaTemplate.items(committee.agendaTemplate)
        var details = details
        if details.durationMinutes.trimmedSpaces.isEmpty {
            details.durationMinutes = "\(max(60, agenda.reduce(0) { $0 + $1.minutes }))"
        }
        if details.startTime.trimmedSpaces.isEmpty { details.startTime = "14:00" }
        if details.status.isEmpty { details.status = MeetingStatus.planned.rawValue }
        let checked = try MeetingService.checked(details)
        let meeting = try await insertMeeting(of: committee, checked, agenda: agenda, on: db)
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "meeting", objectID: meeting.uuidString.lowercased(),
            summary: "Réunion « \(committee.name) » du \(Format.date(iso: checked.day.iso)) planifiée")
        return meeting
    }

    /// A meeting row and its agenda copied from the template.
    @discardableResult
    static func insertMeeting(
        of committee: CommitteeQuery.Committee, _ details: MeetingService.CheckedDetails,
        agenda: [AgendaTemplate.Item], on db: any SQLDatabase
    ) async throws -> UUID {
        let meeting = UUID()
        let now = Date()
        try await db.insert(into: "meetings")
            .columns(
                "id", "committee_id", "day", "start_time", "duration_minutes", "place", "video_url", "status",
                "minutes", "minutes_status", "version", "created_at", "updated_at"
            )
            .values(
                SQLBind(meeting), SQLBind(committee.id), SQLBind(details.day.iso), SQLBind(details.startTime),
                SQLBind(details.durationMinutes), SQLBind(details.place), SQLBind(details.videoURL),
                SQLBind(details.status.rawValue), SQLBind(""), SQLBind(MinutesStatus.none.rawValue), SQLBind(1),
                SQLBind(now), SQLBind(now)
            ).run()
        for (sort, item) in agenda.enumerated() {
            try await db.insert(into: "agenda_items")
                .columns("id", "meeting_id", "sort", "duration_minutes", "title", "speakers", "link_kind", "link_code")
                .values(
                    SQLBind(UUID()), SQLBind(meeting), SQLBind(sort), SQLBind(item.minutes), SQLBind(item.title),
                    SQLBind(item.speakers), SQLBind(""), SQLBind("")
                ).run()
        }
        return meeting
    }
}
