import Foundation
import JalonCore
import SQLKit

extension FichePage {
    struct Found: Sendable {
        var id: UUID
        var roadmapID: UUID
    }

    static func find(_ code: String, on db: any SQLDatabase) async throws -> Found? {
        struct R: Decodable {
            var id: UUID
            var roadmap_id: UUID
        }
        return try await db.raw(
            """
            SELECT f.id, f.roadmap_id FROM fiches f JOIN roadmaps r ON r.id = f.roadmap_id WHERE f.code = \(bind: code) ORDER BY r.created_at
            """
        ).first(decoding: R.self).map { Found(id: $0.id, roadmapID: $0.roadmap_id) }
    }

    static func query(_ found: Found, at: Day, message: String? = nil, error: String? = nil, on db: any SQLDatabase)
        async throws -> Model?
    {
        struct F: Decodable {
            var code, title, objectives_text, levers, obstacles, contacts: String
            var objective_id: UUID?
            var version: Int
        }
        guard
            let f = try await db.select().columns(
                "code", "title", "objectives_text", "levers", "obstacles", "contacts", "objective_id", "version"
            ).from("fiches")
                .where("id", .equal, found.id).first(decoding: F.self)
        else { return nil }
        struct R: Decodable {
            var region_code: String?
            var start_on, end_on: String
        }
        let roadmap = try await db.select().columns("region_code", "start_on", "end_on").from("roadmaps").where(
            "id", .equal, found.roadmapID
        ).first(decoding: R.self)
        guard let roadmap, let territory = try await TerritoryQuery.find(roadmap.region_code ?? "FR", on: db) else {
            return nil
        }
        struct O: Decodable {
            var number: Int
            var title: String
        }
        let objective =
            try await f.objective_id.asyncMap {
                try await db.select().columns("number", "title").from("objectives").where("id", .equal, $0).first(
                    decoding: O.self)
            } ?? nil
        struct A: Decodable {
            var id: UUID
            var number: Int
            var title, status, description: String
            var pilot_code, start_on, end_on: String?
            var version: Int
        }
        let actions = try await db.select().columns(
            "id", "number", "title", "status", "description", "pilot_code", "start_on", "end_on", "version"
        ).from("actions").where("fiche_id", .equal, found.id).orderBy("number").all(decoding: A.self)
        struct C: Decodable {
            var action_id: UUID?
            var period: String
            var intensity: Int
        }
        let calendar = try await db.select().columns("action_id", "period", "intensity").from("fiche_calendar").where(
            "fiche_id", .equal, found.id
        ).all(decoding: C.self)
        struct X: Decodable {
            var action_id: UUID
            var party_kind, party, role: String
        }
        let raci =
            actions.isEmpty
            ? []
            : try await db.select().columns("action_id", "party_kind", "party", "role").from("action_raci")
                .where("action_id", .in, actions.map(\.id)).all(decoding: X.self)
        struct P: Decodable { var code, name: String }
        let organisations = try await db.select().columns("code", "name").from("pilot_organisations").orderBy("sort")
            .all(decoding: P.self)
        // Semesters of the roadmap's period.
        var semesters: [Period] = []
        if let start = Day(iso: roadmap.start_on), let end = Day(iso: roadmap.end_on) {
            var y = start.year
            var s = start.month <= 6 ? 1 : 2
            while Period.semester(y, s).start <= end, semesters.count < 20 {
                semesters.append(.semester(y, s))
                if s == 2 {
                    y += 1
                    s = 1
                } else {
                    s = 2
                }
            }
        }
        struct L: Decodable { var indicator_code: String }
        let links = try await db.select().column("indicator_code").from("fiche_indicators").where(
            "fiche_id", .equal, found.id
        ).orderBy("sort").all(decoding: L.self)
        var rows: [IndicatorRow] = []
        for link in links {
            guard let indicator = try await IndicatorQuery.find(link.indicator_code, on: db) else { continue }
            let d = indicator.definition
            let r = try await ProgressQuery.progress(
                indicator: indicator, territory: territory, couloir: nil, at: at, on: db)
            let photo =
                r.progress.value.map {
                    "\(IndicatorFormat.value($0, d))\(r.progress.valueDate.map { " (\(Format.date(iso: $0.iso)))" } ?? "")"
                }
                ?? "données non fournies à ce jour"
            rows.append(
                IndicatorRow(
                    code: d.code, service: d.service, couloir: d.couloir.rawValue, label: d.label,
                    target: IndicatorFormat.target(r.progress.target, d)
                        + (r.progress.target.map { " (\(Milestone.label($0.due)))" } ?? ""),
                    source: d.source, photo: photo, status: r.progress.status))
        }
        return Model(
            code: f.code, title: f.title, objective: objective.map { "Objectif \($0.number) — \($0.title)" } ?? "",
            territory: territory, at: at,
            objectivesText: f.objectives_text, levers: f.levers, obstacles: f.obstacles, contacts: f.contacts,
            actions: actions.map {
                Action(
                    id: $0.id.uuidString.lowercased(), number: $0.number, title: $0.title, status: $0.status,
                    description: $0.description, pilot: $0.pilot_code, start: $0.start_on, end: $0.end_on,
                    version: $0.version)
            },
            semesters: semesters,
            calendar: Dictionary(
                calendar.compactMap { c in
                    c.action_id.map { ("\($0.uuidString.lowercased())|\(c.period)", c.intensity) }
                }, uniquingKeysWith: max),
            organisations: organisations.map { ($0.code, $0.name) },
            raci: Dictionary(
                raci.map { ("\($0.action_id.uuidString.lowercased())|\($0.party_kind)|\($0.party)", $0.role) },
                uniquingKeysWith: { a, _ in a }),
            indicators: rows, message: message, error: error, version: f.version,
            history: try await history(found.id, actions: actions.map(\.id), on: db))
    }

    /// The fiche's own history, with its actions' and their tasks'.
    static func history(_ fiche: UUID, actions: [UUID], on db: any SQLDatabase) async throws -> [AuditQuery.Event] {
        struct T: Decodable { var id: UUID }
        let tasks =
            actions.isEmpty
            ? []
            : try await db.select().column("id").from("tasks").where("action_id", .in, actions).all(decoding: T.self)
        return try await AuditQuery.history(
            [
                .objects(type: "fiche", ids: [fiche.uuidString]),
                .objects(type: "action", ids: actions.map(\.uuidString)),
                .objects(type: "task", ids: tasks.map(\.id.uuidString))
            ], on: db)
    }
}
