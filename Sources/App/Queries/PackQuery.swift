import Foundation
import JalonCore
import SQLKit

/// Reads of the committee packs: those of a meeting, one pack's frozen files, and the photo of the
/// committee's previous pack (what "changes since the previous committee" compares with).
enum PackQuery {
    struct Pack: Decodable, Sendable, Equatable {
        var id: UUID
        var meetingID: UUID
        var snapshotID: UUID
        var snapshotSha256, sections, focus, htmlSha256, pdfSha256, createdBy: String
        var pages: Int
        var createdAt: Date
    }

    static let columns = [
        "id", "meeting_id", "snapshot_id", "snapshot_sha256", "sections", "focus", "html_sha256", "pdf_sha256",
        "created_by", "pages", "created_at"
    ]

    /// Newest first.
    static func packs(of meeting: UUID, on db: any SQLDatabase) async throws -> [Pack] {
        try await db.select().columns(columns).from("committee_packs").where("meeting_id", .equal, meeting)
            .orderBy("created_at", .descending).orderBy("id").all(decoding: Pack.self, with: .snakeCase)
    }

    static func find(_ id: UUID, on db: any SQLDatabase) async throws -> Pack? {
        try await db.select().columns(columns).from("committee_packs").where("id", .equal, id)
            .first(decoding: Pack.self, with: .snakeCase)
    }

    enum File: String, Sendable, CaseIterable {
        case html, pdf, xlsx

        var contentType: String {
            switch self {
            case .html: "text/html; charset=utf-8"
            case .pdf: "application/pdf"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    /// One frozen file of a pack, byte for byte as generated.
    static func file(_ id: UUID, _ file: File, on db: any SQLDatabase) async throws -> Data? {
        switch file {
        case .html:
            struct HTMLRow: Decodable { var html: String }
            return try await db.select().column("html").from("committee_packs").where("id", .equal, id)
                .first(decoding: HTMLRow.self).map { Data($0.html.utf8) }
        case .pdf, .xlsx:
            struct BytesRow: Decodable { var content: Data }
            return try await db.select().column(SQLAlias(SQLColumn(file.rawValue), as: SQLIdentifier("content")))
                .from("committee_packs").where("id", .equal, id).first(decoding: BytesRow.self)?.content
        }
    }

    /// The photo of the latest pack of the committee's meetings before `day`.
    static func previousPhoto(committee: UUID, before day: String, on db: any SQLDatabase) async throws -> UUID? {
        struct PhotoRow: Decodable { var snapshotID: UUID }
        return try await db.raw(
            """
            SELECT p.snapshot_id FROM committee_packs p JOIN meetings m ON m.id = p.meeting_id
            WHERE m.committee_id = \(bind: committee) AND m.day < \(bind: day)
            ORDER BY m.day DESC, p.created_at DESC LIMIT 1
            """
        ).first(decoding: PhotoRow.self, with: .snakeCase)?.snapshotID
    }

    /// The roadmap a photo was validated on: its id, code and name.
    static func roadmap(ofPhoto snapshot: UUID, on db: any SQLDatabase) async throws -> (UUID, String, String)? {
        struct RoadmapRow: Decodable {
            var id: UUID
            var code, name: String
        }
        return try await db.raw(
            """
            SELECT r.id, r.code, r.name FROM snapshots s JOIN roadmaps r ON r.id = s.roadmap_id
            WHERE s.id = \(bind: snapshot)
            """
        ).first(decoding: RoadmapRow.self).map { ($0.id, $0.code, $0.name) }
    }
}
