import Foundation
import JalonCore
import SQLKit

/// Reads of the calendar subscriptions: a feed by its token or id, the feeds of a committee, and the
/// meetings a feed lists.
enum CalendarFeedQuery {
    struct Feed: Decodable, Sendable, Equatable {
        var id: UUID
        var kind, subject, label, createdBy: String
        var createdAt: Date
        var revokedAt: Date?
    }

    static let columns = ["id", "kind", "subject", "label", "created_by", "created_at", "revoked_at"]

    static func find(id: UUID, on db: any SQLDatabase) async throws -> Feed? {
        try await db.select().columns(columns).from("calendar_feeds").where("id", .equal, id)
            .first(decoding: Feed.self, with: .snakeCase)
    }

    /// The live feed a token opens, under the current or the previous key.
    static func find(token: String, keys: TokenKeys, on db: any SQLDatabase) async throws -> Feed? {
        try await db.select().columns(columns).from("calendar_feeds")
            .where("token_digest", .in, keys.candidates(token)).where("revoked_at", .is, SQLLiteral.null)
            .first(decoding: Feed.self, with: .snakeCase)
    }

    /// The committee's own feed and its members', newest first.
    static func feeds(of committee: CommitteeQuery.Committee, on db: any SQLDatabase) async throws -> [Feed] {
        let members = try await CommitteeQuery.members(of: committee.id, on: db).map {
            $0.contactID.uuidString.lowercased()
        }
        let query = db.select().columns(columns).from("calendar_feeds")
            .where { group in
                group.where("kind", .equal, CalendarFeedService.Kind.committee.rawValue)
                    .where("subject", .equal, committee.code)
            }
        // PostgreSQL rejects an empty `IN ()`: a committee without members has only its own feed.
        if !members.isEmpty {
            query.orWhere { group in
                group.where("kind", .equal, CalendarFeedService.Kind.contact.rawValue).where("subject", .in, members)
            }
        }
        return try await query.orderBy("created_at", .descending).all(decoding: Feed.self, with: .snakeCase)
    }

    /// A committee's meetings, or those of a contact's committees and invitations.
    static func meetings(of feed: Feed, on db: any SQLDatabase) async throws
        -> [(MeetingQuery.Meeting, CommitteeQuery.Committee)]
    {
        let committees = Dictionary(uniqueKeysWithValues: try await CommitteeQuery.all(on: db).map { ($0.id, $0) })
        var meetings: [MeetingQuery.Meeting]
        switch CalendarFeedService.Kind(rawValue: feed.kind) {
        case .committee:
            guard let committee = committees.values.first(where: { $0.code == feed.subject }) else { return [] }
            meetings = try await MeetingQuery.meetings(committee: committee.id, on: db)
        case .contact:
            guard let contact = UUID(uuidString: feed.subject) else { return [] }
            struct IDRow: Decodable { var id: UUID }
            let ids = Set(
                try await db.raw(
                    """
                    SELECT m.id FROM meetings m JOIN committee_members cm ON cm.committee_id = m.committee_id
                    WHERE cm.contact_id = \(bind: contact)
                    UNION SELECT a.meeting_id AS id FROM meeting_attendance a WHERE a.contact_id = \(bind: contact)
                    """
                ).all(decoding: IDRow.self).map(\.id))
            meetings = try await MeetingQuery.meetings(on: db).filter { ids.contains($0.id) }
        case nil: return []
        }
        return meetings.compactMap { meeting in committees[meeting.committeeID].map { (meeting, $0) } }
    }
}
