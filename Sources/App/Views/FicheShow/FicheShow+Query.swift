import Foundation
import JalonCore
import SQLKit

extension FicheShow {
    struct Found: Sendable {
        var id: UUID
        var roadmapID: UUID
    }

    /// The fiche `code` of the roadmap asked for (`?feuille=`), else of the current roadmap, else of the
    /// most recent roadmap that has one: fiche codes are unique within a roadmap only.
    static func find(_ code: String, roadmap asked: String? = nil, on db: any SQLDatabase) async throws -> Found? {
        struct FicheRow: Decodable {
            var id: UUID
            var roadmapID: UUID
        }
        let chosen = try await RoadmapQuery.chosen(asked, today: Day.today(), on: db)
        var query: SQLQueryString = """
            SELECT f.id, f.roadmap_id FROM fiches f JOIN roadmaps r ON r.id = f.roadmap_id
            WHERE f.code = \(bind: code)
            """
        if asked != nil, let chosen { query += " AND r.id = \(bind: chosen.id)" }
        query += " ORDER BY CASE WHEN r.id = \(bind: chosen?.id) THEN 0 ELSE 1 END, r.start_on DESC"
        return try await db.raw(query).first(decoding: FicheRow.self, with: .snakeCase).map {
            Found(id: $0.id, roadmapID: $0.roadmapID)
        }
    }

    /// `addedRows`: RACI rows asked for on the page (`?cible=<action number>:<audience>`), shown empty.
    static func query(
        _ found: Found, at: Day, message: String? = nil, error: String? = nil, addedRows: [String] = [],
        on db: any SQLDatabase
    ) async throws -> Model? {
        struct FicheRow: Decodable {
            var code, title, objectivesText, levers, obstacles, contacts: String
            var objectiveID: UUID?
            var version: Int
        }
        guard
            let fiche = try await db.select().columns(
                "code", "title", "objectives_text", "levers", "obstacles", "contacts", "objective_id", "version"
            ).from("fiches")
                .where("id", .equal, found.id).first(decoding: FicheRow.self, with: .snakeCase)
        else { return nil }
        let roadmap = try await RoadmapQuery.find(id: found.roadmapID, on: db)
        guard let roadmap, let territory = try await TerritoryQuery.find(roadmap.regionCode ?? "FR", on: db) else {
            return nil
        }
        struct ObjectiveRow: Decodable {
            var number: Int
            var title: String
        }
        let objective =
            try await fiche.objectiveID.asyncMap {
                try await db.select().columns("number", "title").from("objectives").where("id", .equal, $0).first(
                    decoding: ObjectiveRow.self)
            } ?? nil
        struct ActionRow: Decodable {
            var id: UUID
            var number: Int
            var title, status, description: String
            var pilotCode, startOn, endOn: String?
            var version: Int
        }
        let actions = try await db.select().columns(
            "id", "number", "title", "status", "description", "pilot_code", "start_on", "end_on", "version"
        ).from("actions").where("fiche_id", .equal, found.id).orderBy("number")
            .all(decoding: ActionRow.self, with: .snakeCase)
        struct CalendarRow: Decodable {
            var actionID: UUID?
            var period: String
            var intensity: Int
        }
        let calendar = try await db.select().columns("action_id", "period", "intensity").from("fiche_calendar").where(
            "fiche_id", .equal, found.id
        ).all(decoding: CalendarRow.self, with: .snakeCase)
        let raci =
            actions.isEmpty
            ? []
            : try await db.select().columns("action_id", "party", "audience", "role").from("action_raci")
                .where("action_id", .in, actions.map(\.id))
                .all(decoding: FicheService.RACICell.self, with: .snakeCase)
        struct OrganisationRow: Decodable { var code, name: String }
        let organisations = try await db.select().columns("code", "name").from("pilot_organisations").orderBy("sort")
            .all(decoding: OrganisationRow.self)
        // Semesters of the roadmap's period.
        var semesters: [Period] = []
        if let start = Day(iso: roadmap.startOn), let end = Day(iso: roadmap.endOn) {
            var year = start.year
            var half = start.month <= 6 ? 1 : 2
            while Period.semester(year, half).start <= end, semesters.count < 20 {
                semesters.append(.semester(year, half))
                if half == 2 {
                    year += 1
                    half = 1
                } else {
                    half = 2
                }
            }
        }
        struct FicheIndicatorRow: Decodable {
            var indicatorCode: String
            var role: String
        }
        let links = try await db.select().columns("indicator_code", "role").from("fiche_indicators").where(
            "fiche_id", .equal, found.id
        ).orderBy("sort").all(decoding: FicheIndicatorRow.self, with: .snakeCase)
        var rows: [IndicatorRow] = []
        let notes = try await ObservationNotes.latest(
            codes: links.map(\.indicatorCode), territory: territory.code, at: at, on: db)
        for link in links {
            guard let indicator = try await IndicatorQuery.find(link.indicatorCode, on: db) else { continue }
            let definition = indicator.definition
            let result = try await ProgressQuery.progress(
                indicator: indicator, territory: territory, couloir: nil, at: at, roadmap: roadmap.code, on: db)
            let progress = result.progress
            var value = progress.value.map { IndicatorFormat.value($0, definition) } ?? ""
            var valueDate = progress.valueDate.map { Format.date(iso: $0.iso) } ?? ""
            var status = progress.status
            var comment = ""
            if result.series.isOwn {
                ObservationNotes.apply(
                    notes[SeriesKey(indicator: definition.code, couloir: result.couloir.rawValue)], value: &value,
                    valueDate: &valueDate, status: &status, comment: &comment, shownDate: progress.valueDate)
            }
            value = try await CompanionQuery.cell(
                value, of: indicator, territory: territory, couloir: result.couloir, at: at, roadmap: roadmap.code,
                on: db)
            let photo =
                value.isEmpty
                ? "données non fournies à ce jour"
                : value + (valueDate.isEmpty ? "" : " (\(valueDate))") + (comment.isEmpty ? "" : " — \(comment)")
            rows.append(
                IndicatorRow(
                    code: definition.code, service: definition.service, couloir: definition.couloir.rawValue,
                    label: definition.label,
                    target: IndicatorFormat.target(progress.target, definition)
                        + (progress.target.map { " (\(Milestone.label($0.due)))" } ?? ""),
                    source: definition.source, photo: photo, status: status, role: link.role))
        }
        let linked = Set(links.map(\.indicatorCode))
        let attachable = try await IndicatorQuery.all(on: db).filter { !linked.contains($0.code) }.map {
            (code: $0.code, label: $0.definition.label)
        }
        return Model(
            roadmap: roadmap, code: fiche.code, title: fiche.title,
            objective: objective.map { "Objectif \($0.number) — \($0.title)" } ?? "",
            territory: territory, at: at,
            objectivesText: fiche.objectivesText, levers: fiche.levers, obstacles: fiche.obstacles,
            contacts: fiche.contacts,
            actions: actions.map {
                Action(
                    id: $0.id.uuidString.lowercased(), number: $0.number, title: $0.title, status: $0.status,
                    description: $0.description, pilot: $0.pilotCode, start: $0.startOn, end: $0.endOn,
                    version: $0.version)
            },
            semesters: semesters,
            calendar: Dictionary(
                calendar.compactMap { cell in
                    cell.actionID.map { ("\($0.uuidString.lowercased())|\(cell.period)", cell.intensity) }
                }, uniquingKeysWith: max),
            organisations: organisations.map { ($0.code, $0.name) },
            raci: Dictionary(
                raci.map {
                    (
                        FicheService.raciKey(
                            action: $0.actionID.uuidString.lowercased(), organisation: $0.party, audience: $0.audience),
                        $0.role
                    )
                }, uniquingKeysWith: { first, _ in first }),
            raciRows: raciRows(actions: actions.map { ($0.id, $0.number, $0.title) }, cells: raci, added: addedRows),
            indicators: rows, attachable: attachable, message: message, error: error, version: fiche.version,
            history: try await history(found.id, actions: actions.map(\.id), on: db))
    }

    /// The fiche's own history, with its actions' and their tasks'.
    static func history(_ fiche: UUID, actions: [UUID], on db: any SQLDatabase) async throws -> [AuditEvent] {
        struct TaskRow: Decodable { var id: UUID }
        let tasks =
            actions.isEmpty
            ? []
            : try await db.select().column("id").from("tasks").where("action_id", .in, actions)
                .all(decoding: TaskRow.self)
        return try await AuditQuery.history(
            [
                .objects(type: "fiche", ids: [fiche.uuidString]),
                .objects(type: "action", ids: actions.map(\.uuidString)),
                .objects(type: "task", ids: tasks.map(\.id.uuidString))
            ], on: db)
    }

    /// The rows of the RACI matrix: each action for every audience, then for each audience it has a cell
    /// for or that was asked for, in the audiences' order.
    static func raciRows(
        actions: [(id: UUID, number: Int, title: String)], cells: [FicheService.RACICell], added: [String]
    ) -> [RACIRow] {
        var wanted: [UUID: Set<String>] = [:]
        for cell in cells where !cell.audience.isEmpty { wanted[cell.actionID, default: []].insert(cell.audience) }
        for asked in added {
            let parts = asked.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let number = Int(parts[0]),
                let action = actions.first(where: { $0.number == number }),
                FicheService.audiences.contains(where: { $0.code == parts[1] })
            else { continue }
            wanted[action.id, default: []].insert(parts[1])
        }
        return actions.flatMap { action in
            ([""] + FicheService.audiences.map(\.code).filter { wanted[action.id]?.contains($0) == true }).map {
                RACIRow(
                    actionID: action.id.uuidString.lowercased(), actionNumber: action.number, actionTitle: action.title,
                    audience: $0)
            }
        }
    }
}
