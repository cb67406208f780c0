import Foundation
import JalonCore
import SQLKit

/// Reads of meetings: a meeting, a committee's or a year's meetings, and a meeting's agenda, attendance
/// and decisions, with the open decisions of the earlier meetings of its committee (the "relevé de décisions").
enum MeetingQuery {
    struct Meeting: Decodable, Sendable, Equatable {
        var id: UUID
        var committeeID: UUID
        var day, startTime, place, videoUrl, status, minutes, minutesStatus: String
        var durationMinutes, version: Int
    }

    static let columns = [
        "id", "committee_id", "day", "start_time", "place", "video_url", "status", "minutes", "minutes_status",
        "duration_minutes", "version"
    ]

    static func find(_ id: UUID, on db: any SQLDatabase) async throws -> Meeting? {
        try await db.select().columns(columns).from("meetings").where("id", .equal, id)
            .first(decoding: Meeting.self, with: .snakeCase)
    }

    /// A meeting named on the command line: its id, `CODE@2027-04-13` (committee and date), or `CODE` for
    /// the committee's next meeting from `today` (its last one when none is to come).
    static func resolve(_ text: String, today: Day, on db: any SQLDatabase) async throws -> Meeting? {
        if let id = UUID(uuidString: text) { return try await find(id, on: db) }
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        guard let code = parts.first, let committee = try await CommitteeQuery.find(code.lowercased(), on: db) else {
            return nil
        }
        let meetings = try await self.meetings(committee: committee.id, on: db)
        if parts.count == 2 { return meetings.first { $0.day == parts[1] } }
        return meetings.first { $0.day >= today.iso && $0.status != MeetingStatus.cancelled.rawValue }
            ?? meetings.last
    }

    /// Meetings of one committee, or of all, within a year when one is given, by date.
    static func meetings(committee: UUID? = nil, year: Int? = nil, on db: any SQLDatabase) async throws -> [Meeting] {
        var query = db.select().columns(columns).from("meetings")
        if let committee { query = query.where("committee_id", .equal, committee) }
        if let year {
            query = query.where("day", .greaterThanOrEqual, "\(year)-01-01").where(
                "day", .lessThanOrEqual, "\(year)-12-31")
        }
        return try await query.orderBy("day").orderBy("start_time").all(decoding: Meeting.self, with: .snakeCase)
    }

    struct AgendaItem: Decodable, Sendable, Equatable {
        var id: UUID
        var sort, durationMinutes: Int
        var title, speakers, linkKind, linkCode: String
    }

    static func agenda(_ meeting: UUID, on db: any SQLDatabase) async throws -> [AgendaItem] {
        try await db.select().columns("id", "sort", "duration_minutes", "title", "speakers", "link_kind", "link_code")
            .from("agenda_items")
            .where("meeting_id", .equal, meeting).orderBy("sort").all(decoding: AgendaItem.self, with: .snakeCase)
    }

    struct Attendee: Decodable, Sendable, Equatable {
        var contactID: UUID
        var firstName, lastName, presence, representedBy, function: String
        var organisation: String?

        var name: String { "\(firstName) \(lastName)".trimmedSpaces }
    }

    static func attendance(_ meeting: UUID, on db: any SQLDatabase) async throws -> [Attendee] {
        try await db.raw(
            """
            SELECT a.contact_id, c.first_name, c.last_name, a.presence, a.represented_by, c.function,
                   o.code AS organisation
            FROM meeting_attendance a JOIN contacts c ON c.id = a.contact_id
            LEFT JOIN organisations o ON o.id = c.organisation_id
            WHERE a.meeting_id = \(bind: meeting) ORDER BY c.last_name, c.first_name
            """
        ).all(decoding: Attendee.self, with: .snakeCase)
    }

    /// Participation per organisation, département (the contact's départements) and profile (his function).
    static func participation(_ meeting: UUID, attendees: [Attendee], on db: any SQLDatabase) async throws
        -> Participation
    {
        struct DepartmentRow: Decodable {
            var contactID: UUID
            var name: String
        }
        let rows = try await db.raw(
            """
            SELECT ct.contact_id, t.name FROM meeting_attendance a
            JOIN contact_territories ct ON ct.contact_id = a.contact_id
            JOIN territories t ON t.code = ct.territory_code AND t.kind = \(bind: TerritoryKind.departement.rawValue)
            WHERE a.meeting_id = \(bind: meeting)
            """
        ).all(decoding: DepartmentRow.self, with: .snakeCase)
        let departments = Dictionary(grouping: rows, by: \.contactID).mapValues { $0.map(\.name) }
        return Participation(
            attendees.map { attendee in
                Participation.Attendee(
                    presence: Presence(rawValue: attendee.presence) ?? .invited,
                    organisation: attendee.organisation ?? "", departments: departments[attendee.contactID] ?? [],
                    profile: attendee.function)
            })
    }

    struct Decision: Decodable, Sendable, Equatable {
        var id: UUID
        var meetingID: UUID
        var text, owner, status, day, linkKind, linkCode: String
        var dueOn: String?
        var taskID: UUID?
    }

    /// The decisions of one meeting.
    static func decisions(of meeting: UUID, on db: any SQLDatabase) async throws -> [Decision] {
        try await db.raw(
            """
            SELECT d.id, d.meeting_id, d.text, d.owner, d.status, m.day, d.link_kind, d.link_code, d.due_on, d.task_id
            FROM decisions d JOIN meetings m ON m.id = d.meeting_id
            WHERE d.meeting_id = \(bind: meeting) ORDER BY d.created_at, d.id
            """
        ).all(decoding: Decision.self, with: .snakeCase)
    }

    /// The decisions still open from the committee's meetings before `day`, oldest first.
    static func openDecisions(committee: UUID, before day: String, on db: any SQLDatabase) async throws -> [Decision] {
        try await db.raw(
            """
            SELECT d.id, d.meeting_id, d.text, d.owner, d.status, m.day, d.link_kind, d.link_code, d.due_on, d.task_id
            FROM decisions d JOIN meetings m ON m.id = d.meeting_id
            WHERE m.committee_id = \(bind: committee) AND m.day < \(bind: day)
              AND d.status = \(bind: DecisionStatus.open.rawValue)
            ORDER BY m.day, d.created_at, d.id
            """
        ).all(decoding: Decision.self, with: .snakeCase)
    }
}

extension MeetingQuery {
    /// The "relevé de décisions" of a pack: every decision of the previous meeting, and those of earlier
    /// meetings still open.
    static func decisionsToReview(committee: UUID, before day: String, on db: any SQLDatabase) async throws
        -> [Decision]
    {
        try await db.raw(
            """
            SELECT d.id, d.meeting_id, d.text, d.owner, d.status, m.day, d.link_kind, d.link_code, d.due_on, d.task_id
            FROM decisions d JOIN meetings m ON m.id = d.meeting_id
            WHERE m.committee_id = \(bind: committee) AND m.day < \(bind: day)
              AND (d.status = \(bind: DecisionStatus.open.rawValue) OR m.day = (
                SELECT MAX(p.day) FROM meetings p WHERE p.committee_id = \(bind: committee) AND p.day < \(bind: day)))
            ORDER BY m.day, d.created_at, d.id
            """
        ).all(decoding: Decision.self, with: .snakeCase)
    }

    struct AttentionPoint: Decodable, Sendable, Equatable {
        var id: UUID
        var kind, text, status, day: String
        var closedOn: String?
    }

    /// The points raised in the meeting, and those still open from the committee's earlier meetings.
    static func attentionPoints(meeting: UUID, committee: UUID, day: String, on db: any SQLDatabase) async throws
        -> [AttentionPoint]
    {
        try await db.raw(
            """
            SELECT p.id, p.kind, p.text, p.status, m.day, p.closed_on
            FROM attention_points p JOIN meetings m ON m.id = p.meeting_id
            WHERE p.meeting_id = \(bind: meeting)
               OR (m.committee_id = \(bind: committee) AND m.day < \(bind: day) AND p.status = 'ouvert')
            ORDER BY m.day, p.id
            """
        ).all(decoding: AttentionPoint.self, with: .snakeCase)
    }
}

extension MeetingQuery {
    /// An invited contact as an invitation reaches them: written to only with an address and their consent.
    struct Recipient: Decodable, Sendable, Equatable {
        var contactID: UUID
        var firstName, lastName, email: String
        var mailingConsent: Bool

        var name: String { "\(firstName) \(lastName)".trimmedSpaces }
        var address: MailMessage.Address { .init(name: name, email: email.trimmedSpaces) }
        var mayBeWritten: Bool { mailingConsent && address.isWellFormed }
    }

    static func recipients(_ meeting: UUID, on db: any SQLDatabase) async throws -> [Recipient] {
        try await db.raw(
            """
            SELECT c.id AS contact_id, c.first_name, c.last_name, c.email, c.mailing_consent
            FROM meeting_attendance a JOIN contacts c ON c.id = a.contact_id
            WHERE a.meeting_id = \(bind: meeting) ORDER BY c.last_name, c.first_name, c.id
            """
        ).all(decoding: Recipient.self, with: .snakeCase)
    }

    struct Mailing: Decodable, Sendable, Equatable {
        var kind: String
        var sequence, sent, skipped: Int
        var sentBy: String
        var sentAt: Date
    }

    /// The sendings of a meeting's invitations, newest first.
    static func mailings(_ meeting: UUID, on db: any SQLDatabase) async throws -> [Mailing] {
        try await db.select().columns("kind", "sequence", "sent", "skipped", "sent_by", "sent_at")
            .from("meeting_mailings").where("meeting_id", .equal, meeting).orderBy("sent_at", .descending)
            .all(decoding: Mailing.self, with: .snakeCase)
    }
}
