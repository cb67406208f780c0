import Foundation
import JalonCore
import SQLKit

extension HomeIndex {
    /// What the signed-in account needs first, read for its role only.
    static func query(actor: Actor, today: Day = .today(), on db: any SQLDatabase) async throws -> Model {
        let names = try await AuditQuery.accountNames([actor.name], on: db)
        var model = Model(
            role: actor.grant.role, accountName: names[actor.name] ?? actor.name, today: today,
            hasGeography: try await TerritoryQuery.count(kind: .commune, on: db) > 0,
            roadmap: try await RoadmapQuery.chosen(nil, today: today, on: db),
            latestPhoto: try await SnapshotService.all(on: db).first)
        model.tasks = try await tasks(of: [actor.name, names[actor.name]].compactMap { $0 }, today: today, on: db)
        if model.seesSteering, let roadmap = model.roadmap {
            try await fillSteering(&model, roadmap: roadmap, on: db)
        }
        if model.seesField {
            try await fillField(&model, territories: actor.grant.territories.sorted(), on: db)
        }
        return model
    }

    /// The late and at-risk counts per objective, the indicators without a value, the actions due within
    /// two months, the freshness of each source and the last imports.
    static func fillSteering(_ model: inout Model, roadmap: Roadmap, on db: any SQLDatabase) async throws {
        let today = model.today
        if let table = try await RoadmapShow.query(
            at: today, territory: roadmap.regionCode, couloir: nil, roadmap: roadmap.code, on: db)
        {
            model.objectives = table.objectives.map { objective in
                let rows = objective.fiches.flatMap(\.rows)
                return ObjectiveCounts(
                    number: objective.number, title: objective.title,
                    late: rows.filter { $0.status == .enRetard }.count,
                    atRisk: rows.filter { $0.status == .aRisque }.count, indicators: rows.count)
            }
            var seen: Set<String> = []
            model.notProvided = table.rows.filter { $0.status == .nonRenseigne && seen.insert($0.code).inserted }.map {
                IndicatorName(code: $0.code, label: $0.label)
            }
        }
        struct DueActionRow: Decodable {
            var code: String
            var ficheTitle: String
            var number: Int
            var title: String
            var pilotCode: String?
            var endOn: String
        }
        let horizon = today.addingMonths(2)
        let actions = try await db.raw(
            """
            SELECT f.code, f.title AS fiche_title, a.number, a.title, a.pilot_code, a.end_on
            FROM actions a JOIN fiches f ON f.id = a.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) AND a.end_on IS NOT NULL AND a.end_on <= \(bind: horizon.iso)
              AND a.status IN ('a_faire', 'en_cours')
            ORDER BY a.end_on, f.sort, a.number
            """
        ).all(decoding: DueActionRow.self, with: .snakeCase)
        model.dueActions = actions.prefix(10).compactMap { row in
            Day(iso: row.endOn).map {
                DueAction(
                    fiche: row.code, ficheTitle: row.ficheTitle, number: row.number, title: row.title,
                    pilot: row.pilotCode ?? "", endOn: $0, late: $0 < today)
            }
        }
        model.freshness = try await freshness(of: roadmap, today: today, on: db)
        model.imports = try await ImportBatch.all(on: db).prefix(5).map {
            LastImport(
                fileName: $0.fileName, kind: $0.kind, at: $0.createdAt, changes: $0.created + $0.updated,
                undone: $0.undoneAt != nil)
        }
    }

    /// Per service of the roadmap's indicators, the end of the latest period any value covers.
    static func freshness(of roadmap: Roadmap, today: Day, on db: any SQLDatabase) async throws -> [SourceFreshness] {
        struct FreshnessRow: Decodable {
            var service: String
            var lastEnd: String
        }
        let rows = try await db.raw(
            """
            SELECT i.service, MAX(o.period_end) AS last_end
            FROM observations o JOIN indicators i ON i.code = o.indicator_code
            WHERE o.indicator_code IN (
                SELECT fi.indicator_code FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
                WHERE f.roadmap_id = \(bind: roadmap.id))
              AND o.not_provided = \(bind: false)
            GROUP BY i.service ORDER BY i.service
            """
        ).all(decoding: FreshnessRow.self, with: .snakeCase)
        return rows.compactMap { row in
            Day(iso: row.lastEnd).map {
                SourceFreshness(service: row.service, lastPeriodEnd: $0, stale: $0 < today.addingMonths(-3))
            }
        }
    }

    /// The open tasks given to this account (by its e-mail or its name), earliest due first.
    static func tasks(of assignees: [String], today: Day, on db: any SQLDatabase) async throws -> [DueTask] {
        guard !assignees.isEmpty else { return [] }
        struct OpenTaskRow: Decodable {
            var title: String
            var dueOn: String?
            var status: String
        }
        let rows = try await db.select().columns("title", "due_on", "status").from("tasks")
            .where("assignee", .in, assignees).where("status", .notEqual, TaskStatus.done.rawValue)
            .all(decoding: OpenTaskRow.self, with: .snakeCase)
        return rows.map { row in
            let due = row.dueOn.flatMap { Day(iso: $0) }
            return DueTask(
                title: row.title, due: due,
                late: TaskService.isLate(due: due, status: TaskStatus(rawValue: row.status) ?? .todo, today: today))
        }
        .sorted { ($0.due?.iso ?? "9999", $0.title) < ($1.due?.iso ?? "9999", $1.title) }
    }

    /// The animateur's territories: their reach per structural couloir since the start of the year, and
    /// the first structures of the first one never reached.
    static func fillField(_ model: inout Model, territories: [String], on db: any SQLDatabase) async throws {
        let since = Day(model.today.year, 1, 1)
        for code in territories {
            guard let territory = try await TerritoryQuery.find(code, on: db) else { continue }
            var byCouloir: [CouloirReach] = []
            for couloir in Couloir.structural {
                let reach = try await ReachQuery.reach(
                    couloir: couloir, territory: territory.code, since: since, at: model.today, on: db)
                if reach.open > 0 { byCouloir.append(CouloirReach(couloir: couloir, reach: reach)) }
            }
            model.reach.append(TerritoryReach(territory: territory, byCouloir: byCouloir))
        }
        if let first = model.reach.first?.territory {
            model.worklistTerritory = first
            model.worklist = Array(
                try await WorklistQuery.items(
                    territory: first.code, couloir: .es, notSince: since, withoutService: nil, limit: 5, on: db
                ).prefix(5))
        }
    }
}
