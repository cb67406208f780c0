import Foundation
import JalonCore
import SQLKit

/// Reads of the committee register: a committee, the list and its members (its meetings: `MeetingQuery`).
enum CommitteeQuery {
    struct Committee: Decodable, Sendable, Equatable {
        var id: UUID
        var code, name, kind, organisations, frequency, objectives, agendaTemplate: String
        var territoryCode: String?
        var version: Int
        var packSections: String = ""
        var packFocus: String = ""

        var kindLabel: String { CommitteeKind(rawValue: kind)?.label ?? kind }
        var packTemplate: PackTemplate { PackTemplate.parse(sections: packSections, focus: packFocus) }
    }

    static let columns = [
        "id", "code", "name", "kind", "organisations", "frequency", "objectives", "agenda_template", "territory_code",
        "version", "pack_sections", "pack_focus"
    ]

    static func find(_ code: String, on db: any SQLDatabase) async throws -> Committee? {
        try await db.select().columns(columns).from("committees").where("code", .equal, code)
            .first(decoding: Committee.self, with: .snakeCase)
    }

    static func find(id: UUID, on db: any SQLDatabase) async throws -> Committee? {
        try await db.select().columns(columns).from("committees").where("id", .equal, id)
            .first(decoding: Committee.self, with: .snakeCase)
    }

    /// By name.
    static func all(on db: any SQLDatabase) async throws -> [Committee] {
        try await db.select().columns(columns).from("committees").orderBy("name")
            .all(decoding: Committee.self, with: .snakeCase)
    }

    struct Member: Decodable, Sendable, Equatable {
        var contactID: UUID
        var firstName, lastName, function, role: String
        var organisation: String?

        var name: String { "\(firstName) \(lastName)".trimmedSpaces }
    }

    static func members(of committee: UUID, on db: any SQLDatabase) async throws -> [Member] {
        try await db.raw(
            """
            SELECT m.contact_id, c.first_name, c.last_name, c.function, m.role, o.code AS organisation
            FROM committee_members m JOIN contacts c ON c.id = m.contact_id
            LEFT JOIN organisations o ON o.id = c.organisation_id
            WHERE m.committee_id = \(bind: committee) ORDER BY c.last_name, c.first_name
            """
        ).all(decoding: Member.self, with: .snakeCase)
    }

    /// "Vos interlocuteurs": the members with the means to reach them, by organisation.
    struct Interlocutor: Decodable, Sendable, Equatable {
        var firstName, lastName, function, role, email, phone: String
        var organisation: String?

        var name: String { "\(firstName) \(lastName)".trimmedSpaces }
    }

    static func interlocutors(of committee: UUID, on db: any SQLDatabase) async throws -> [Interlocutor] {
        try await db.raw(
            """
            SELECT c.first_name, c.last_name, c.function, m.role, c.email, c.phone, o.name AS organisation
            FROM committee_members m JOIN contacts c ON c.id = m.contact_id
            LEFT JOIN organisations o ON o.id = c.organisation_id
            WHERE m.committee_id = \(bind: committee) ORDER BY o.name, c.last_name, c.first_name
            """
        ).all(decoding: Interlocutor.self, with: .snakeCase)
    }

    /// The codes of the fiches a committee follows, in order.
    static func followedFiches(of committee: UUID, on db: any SQLDatabase) async throws -> [String] {
        struct FollowRow: Decodable { var code: String }
        return try await db.select().column("code").from("committee_follows").where("committee_id", .equal, committee)
            .where("kind", .equal, MeetingSubjectKind.fiche.rawValue).orderBy("code")
            .all(decoding: FollowRow.self).map(\.code)
    }

    struct Fiche: Decodable, Sendable, Equatable {
        var code, title: String
    }

    /// The fiches of the open roadmaps, by code, each once: those a committee may follow.
    static func fiches(on db: any SQLDatabase) async throws -> [Fiche] {
        let rows = try await db.raw(
            """
            SELECT f.code, f.title FROM fiches f JOIN roadmaps r ON r.id = f.roadmap_id
            WHERE r.archived_at IS NULL ORDER BY f.code, r.code
            """
        ).all(decoding: Fiche.self)
        var seen = Set<String>()
        return rows.filter { seen.insert($0.code).inserted }
    }
}
