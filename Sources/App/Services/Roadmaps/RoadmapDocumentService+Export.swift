import Foundation
import JalonCore
import SQLKit

extension RoadmapDocumentService {
    /// The roadmap as its document. Its targets are its own, and the shared targets of its indicators set
    /// on territories of its région and due within its period, unless it has its own at the same date.
    static func document(_ roadmap: Roadmap, on db: any SQLDatabase) async throws -> RoadmapDocument {
        struct ObjectiveRow: Decodable {
            var id: UUID
            var number: Int
            var title: String
            var priority: Int?
        }
        let objectives = try await db.select().columns("id", "number", "title", "priority").from("objectives")
            .where("roadmap_id", .equal, roadmap.id).orderBy("number").all(decoding: ObjectiveRow.self)
        let objectiveNumbers = Dictionary(uniqueKeysWithValues: objectives.map { ($0.id, $0.number) })
        struct FicheRow: Decodable {
            var id: UUID
            var code, title, objectivesText, levers, obstacles, contacts: String
            var objectiveID: UUID?
            var serviceCode: String?
        }
        let fiches = try await db.select()
            .columns(
                "id", "code", "title", "objectives_text", "levers", "obstacles", "contacts", "objective_id",
                "service_code"
            )
            .from("fiches").where("roadmap_id", .equal, roadmap.id).orderBy("sort").orderBy("code")
            .all(decoding: FicheRow.self, with: .snakeCase)
        var documentFiches: [RoadmapDocument.Fiche] = []
        var codes: [String] = []
        for fiche in fiches {
            var links: [RoadmapDocument.FicheIndicator] = []
            for link in try await Self.links(fiche: fiche.id, on: db) {
                if !codes.contains(link.code) { codes.append(link.code) }
                let targets = try await Self.targets(link.code, of: roadmap, on: db)
                links.append(.init(code: link.code, role: link.role, targets: targets))
            }
            documentFiches.append(
                RoadmapDocument.Fiche(
                    code: fiche.code, title: fiche.title, objective: fiche.objectiveID.flatMap { objectiveNumbers[$0] },
                    service: fiche.serviceCode, objectivesText: fiche.objectivesText, levers: fiche.levers,
                    obstacles: fiche.obstacles, contacts: fiche.contacts, indicators: links,
                    actions: try await actions(fiche: fiche.id, on: db)))
        }
        var indicators: [RoadmapDocument.Indicator] = []
        var written = Set<String>()
        var pending = codes.sorted()
        // The companions of the indicators the fiches follow travel with them.
        while let code = pending.first {
            pending.removeFirst()
            guard written.insert(code).inserted, let stored = try await IndicatorQuery.find(code, on: db) else {
                continue
            }
            indicators.append(indicator(stored))
            if !stored.companion.isEmpty { pending.append(stored.companion) }
        }
        indicators.sort { $0.code < $1.code }
        return RoadmapDocument(
            code: roadmap.code, title: roadmap.name, region: roadmap.regionCode, startOn: roadmap.startOn,
            endOn: roadmap.endOn, status: roadmap.status.rawValue,
            objectives: objectives.map { .init(number: $0.number, title: $0.title, priority: $0.priority) },
            fiches: documentFiches, indicators: indicators)
    }

    static func links(fiche: UUID, on db: any SQLDatabase) async throws -> [(code: String, role: String)] {
        struct LinkRow: Decodable {
            var indicatorCode: String
            var role: String
        }
        return try await db.select().columns("indicator_code", "role").from("fiche_indicators")
            .where("fiche_id", .equal, fiche).orderBy("sort").orderBy("indicator_code")
            .all(decoding: LinkRow.self, with: .snakeCase).map { ($0.indicatorCode, $0.role) }
    }

    static func targets(_ indicator: String, of roadmap: Roadmap, on db: any SQLDatabase) async throws
        -> [RoadmapDocument.Target]
    {
        struct TargetRow: Decodable {
            var roadmapCode, territoryCode, couloir, dueOn, valueKind: String
            var valueNumber, baseline: Double?
            var valueText, baselineOn: String?
        }
        let region = roadmap.regionCode ?? "FR"
        let rows = try await db.raw(
            """
            SELECT roadmap_code, territory_code, couloir, due_on, value_kind, value_number, value_text, baseline,
                   baseline_on
            FROM targets
            WHERE indicator_code = \(bind: indicator)
              AND (roadmap_code = \(bind: roadmap.code)
                OR (roadmap_code = '' AND due_on >= \(bind: roadmap.startOn) AND due_on <= \(bind: roadmap.endOn)
                  AND (territory_code = \(bind: region)
                    OR territory_code IN (\(TerritoryQuery.overlapping(region))))))
            ORDER BY territory_code, couloir, due_on, roadmap_code DESC
            """
        ).all(decoding: TargetRow.self, with: .snakeCase)
        let definition = try await IndicatorQuery.find(indicator, on: db)?.definition
        // The roadmap's own target comes first at a date: a shared one at the same date does not count for it.
        var seen = Set<String>()
        let counted = rows.filter { seen.insert("\($0.territoryCode)|\($0.couloir)|\($0.dueOn)").inserted }
        return counted.map { row in
            RoadmapDocument.Target(
                territory: row.territoryCode == region ? nil : row.territoryCode,
                couloir: row.couloir == definition?.couloir.rawValue ? nil : row.couloir, due: row.dueOn,
                target: TargetService.written(kind: row.valueKind, number: row.valueNumber, text: row.valueText),
                baseline: row.baseline.map { ExportTable.number($0) }, baselineOn: row.baselineOn)
        }
    }

    static func actions(fiche: UUID, on db: any SQLDatabase) async throws -> [RoadmapDocument.Action] {
        struct ActionRow: Decodable {
            var id: UUID
            var number: Int
            var title, description, status: String
            var pilotCode, startOn, endOn: String?
        }
        let actions = try await db.select()
            .columns("id", "number", "title", "description", "status", "pilot_code", "start_on", "end_on")
            .from("actions").where("fiche_id", .equal, fiche).orderBy("number")
            .all(decoding: ActionRow.self, with: .snakeCase)
        struct CalendarRow: Decodable {
            var actionID: UUID
            var period: String
            var intensity: Int
        }
        let calendar = try await db.select().columns("action_id", "period", "intensity").from("fiche_calendar")
            .where("fiche_id", .equal, fiche).orderBy("period").all(decoding: CalendarRow.self, with: .snakeCase)
        let raci =
            actions.isEmpty
            ? []
            : try await db.select().columns("action_id", "party", "audience", "role").from("action_raci")
                .where("action_id", .in, actions.map(\.id)).orderBy("party").orderBy("audience")
                .all(decoding: FicheService.RACICell.self, with: .snakeCase)
        return actions.map { action in
            RoadmapDocument.Action(
                number: action.number, title: action.title, description: action.description, pilot: action.pilotCode,
                status: action.status, startOn: action.startOn, endOn: action.endOn,
                calendar: calendar.filter { $0.actionID == action.id }.map {
                    .init(period: $0.period, intensity: $0.intensity)
                },
                raci: raci.filter { $0.actionID == action.id }.map {
                    .init(party: $0.party, audience: $0.audience.isEmpty ? nil : $0.audience, roles: $0.role)
                })
        }
    }

    static func indicator(_ stored: StoredIndicator) -> RoadmapDocument.Indicator {
        let definition = stored.definition
        return RoadmapDocument.Indicator(
            code: definition.code, label: definition.label, service: definition.service,
            couloir: definition.couloir.rawValue, source: definition.source, type: definition.kind.rawValue,
            unit: stored.unit.isEmpty ? nil : stored.unit, nature: definition.nature.rawValue,
            cumulativeSince: definition.cumulativeSince?.iso, periodicity: stored.periodicity,
            rollup: definition.rollup.rawValue, direction: definition.direction == .higher ? "hausse" : "baisse",
            formula: definition.formula, computed: definition.computed?.description,
            companion: stored.companion.nilIfEmpty)
    }
}
