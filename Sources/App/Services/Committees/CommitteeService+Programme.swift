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
        let now = Date()
        for day in AnnualProgramme.propose(frequency, year: year) where !planned.contains(day.iso) {
            let meeting = UUID()
            try await db.insert(into: "meetings")
                .columns(
                    "id", "committee_id", "day", "start_time", "duration_minutes", "place", "video_url", "status",
                    "minutes", "minutes_status", "version", "created_at", "updated_at"
                )
                .values(
                    SQLBind(meeting), SQLBind(committee.id), SQLBind(day.iso), SQLBind("14:00"), SQLBind(duration),
                    SQLBind(""), SQLBind(""), SQLBind(MeetingStatus.planned.rawValue), SQLBind(""), SQLBind("none"),
                    SQLBind(1), SQLBind(now), SQLBind(now)
                ).run()
            for (sort, item) in agenda.enumerated() {
                try await db.insert(into: "agenda_items")
                    .columns(
                        "id", "meeting_id", "sort", "duration_minutes", "title", "speakers", "link_kind", "link_code"
                    )
                    .values(
                        SQLBind(UUID()), SQLBind(meeting), SQLBind(sort), SQLBind(item.minutes), SQLBind(item.title),
                        SQLBind(item.speakers), SQLBind(""), SQLBind("")
                    ).run()
            }
            created += 1
        }
        if created > 0 {
            try await AuditService.record(
                db, actor: actor, action: "create", objectType: "committee", objectID: code,
                summary: "Programme \(year) du comité « \(committee.name) » : \(created) réunion(s) planifiée(s)")
        }
        return created
    }
}
