import Foundation
import JalonCore
import SQLKit

/// Which roadmaps exist, and which one a page shows.
enum RoadmapQuery {
    struct RoadmapRow: Decodable {
        var id: UUID
        var code, name: String
        var regionCode: String?
        var startOn, endOn, status: String
        var archivedAt: Date?
        var version: Int

        var roadmap: Roadmap {
            Roadmap(
                id: id, code: code, name: name, regionCode: regionCode, startOn: startOn, endOn: endOn,
                status: RoadmapStatus(rawValue: status) ?? .running, archived: archivedAt != nil, version: version)
        }
    }

    static let columns = ["id", "code", "name", "region_code", "start_on", "end_on", "status", "archived_at", "version"]

    /// Every roadmap, the most recent first; archived ones only when asked.
    static func all(includingArchived: Bool = false, on db: any SQLDatabase) async throws -> [Roadmap] {
        var query = db.select().columns(columns).from("roadmaps")
        if !includingArchived { query = query.where(SQLIdentifier("archived_at"), .is, SQLLiteral.null) }
        return try await query.orderBy("start_on", .descending).orderBy("code")
            .all(decoding: RoadmapRow.self, with: .snakeCase).map(\.roadmap)
    }

    static func find(code: String, on db: any SQLDatabase) async throws -> Roadmap? {
        try await db.select().columns(columns).from("roadmaps").where("code", .equal, code)
            .first(decoding: RoadmapRow.self, with: .snakeCase)?.roadmap
    }

    static func find(id: UUID, on db: any SQLDatabase) async throws -> Roadmap? {
        try await db.select().columns(columns).from("roadmaps").where("id", .equal, id)
            .first(decoding: RoadmapRow.self, with: .snakeCase)?.roadmap
    }

    /// The codes of the indicators the roadmap's fiches follow.
    static func indicatorCodes(of roadmapID: UUID, on db: any SQLDatabase) async throws -> Set<String> {
        struct FollowedIndicatorRow: Decodable { var indicatorCode: String }
        let rows = try await db.raw(
            """
            SELECT DISTINCT fi.indicator_code FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
            WHERE f.roadmap_id = \(bind: roadmapID)
            """
        ).all(decoding: FollowedIndicatorRow.self, with: .snakeCase)
        return Set(rows.map(\.indicatorCode))
    }

    /// The roadmap a page shows: the one asked for (`?feuille=CODE`), else the current one; a code that
    /// names no roadmap is an error, not a silent switch to another roadmap.
    /// `listed`: the roadmaps the caller has read already (its selector's), so that they are not read twice.
    static func chosen(_ code: String?, today: Day, listed: [Roadmap]? = nil, on db: any SQLDatabase) async throws
        -> Roadmap?
    {
        if let code = code?.trimmingCharacters(in: .whitespaces), !code.isEmpty {
            guard let asked = try await find(code: code, on: db) else {
                throw ServiceError.notFound("Feuille de route inconnue « \(code.prefix(60)) ».")
            }
            return asked
        }
        if let listed { return current(listed, today: today) }
        return current(try await all(on: db), today: today)
    }

    /// The roadmap *en cours* that covers today (the latest begun when several do), else the latest
    /// begun *en cours*, else the most recent of any status. Equal starts go to the first code, so that
    /// the choice never depends on the order rows come back in.
    static func current(_ roadmaps: [Roadmap], today: Day) -> Roadmap? {
        func earlier(_ first: Roadmap, _ second: Roadmap) -> Bool {
            (first.startOn, second.code) < (second.startOn, first.code)
        }
        let running = roadmaps.filter { $0.status == .running }
        return running.filter { $0.covers(today) }.max(by: earlier) ?? running.max(by: earlier)
            ?? roadmaps.max(by: earlier)
    }
}
