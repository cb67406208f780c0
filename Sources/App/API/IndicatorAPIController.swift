import Foundation
import JalonCore
import Vapor

enum IndicatorAPIController {
    struct IndicatorItem: Content, Equatable {
        var code, label, service, couloir, source, type, unit, nature, periodicity, rollup, direction: String
        var cumulativeSince: String?
        var formula: String?
        /// The indicator shown with this one (INSi users with the calls); nil for none.
        var companion: String?

        enum CodingKeys: String, CodingKey {
            case code, label, service, couloir, source, type, unit, nature, periodicity, rollup, direction
            case cumulativeSince = "cumulative_since"
            case formula, companion
        }

        init(_ stored: StoredIndicator) {
            let definition = stored.definition
            code = definition.code
            label = definition.label
            service = definition.service
            couloir = definition.couloir.rawValue
            source = definition.source
            type = definition.kind.rawValue
            unit = stored.unit
            nature = definition.nature.rawValue
            periodicity = stored.periodicity
            rollup = definition.rollup.rawValue
            direction = definition.direction.rawValue
            cumulativeSince = definition.cumulativeSince?.iso
            formula = definition.formula
            companion = stored.companion.nilIfEmpty
        }
    }

    struct IndicatorDetail: Content, Equatable {
        var indicator: IndicatorItem
        var targets: [TargetItem]
        var observations: Int
    }

    struct TargetItem: Content, Equatable {
        var territory, couloir, due, kind: String
        var value: Double?
        var text: String?
        /// The roadmap the target belongs to; nil for a target shared by every roadmap.
        var roadmap: String?
    }

    struct WriteResult: Content, Equatable {
        var created: Int
        var updated: Int
        var unchanged: Int
    }

    @Sendable static func index(req: Request) async throws -> [IndicatorItem] {
        try await IndicatorQuery.all(on: req.sql).map(IndicatorItem.init)
    }

    @Sendable static func show(req: Request) async throws -> IndicatorDetail {
        let code = req.parameters.get("code") ?? ""
        guard let indicator = try await IndicatorQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Indicateur inconnu « \(code) ».")
        }
        let targets = try await IndicatorService.targets(of: indicator.code, on: req.sql)
        return IndicatorDetail(
            indicator: .init(indicator),
            targets: targets.map {
                TargetItem(
                    territory: $0.territoryCode, couloir: $0.couloir, due: $0.dueOn, kind: $0.valueKind,
                    value: $0.valueNumber, text: $0.valueText, roadmap: $0.roadmapCode.nilIfEmpty)
            }, observations: try await IndicatorService.observationCount(of: indicator.code, on: req.sql))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(IndicatorService.Input.self)
        let existed = try await IndicatorQuery.find(input.code.trimmingCharacters(in: .whitespaces), on: req.sql) != nil
        try await req.db.sqlTransaction { db in _ = try await IndicatorService.upsert(input, on: db, actor: req.actor) }
        let stored = try await IndicatorQuery.find(input.code.trimmingCharacters(in: .whitespaces), on: req.sql)!
        return try .json(IndicatorItem(stored), status: existed ? .ok : .created)
    }

    /// A batch `{"observations": [...]}` (or a bare array): every line valid, or nothing written.
    @Sendable static func observations(req: Request) async throws -> WriteResult {
        struct Batch: Content { var observations: [ObservationService.Input] }
        let inputs =
            try (try? req.content.decode(Batch.self).observations)
            ?? req.content.decode([ObservationService.Input].self)
        guard !inputs.isEmpty else { throw Abort(.badRequest, reason: "Aucune observation dans la requête.") }
        let report = try await req.db.sqlTransaction { db in
            try await ObservationService.record(
                inputs, provenance: "saisie:" + req.actor.name, on: db,
                actor: req.actor(overriding: try? req.query.get(String.self, at: "override")))
        }
        return .init(created: report.created, updated: report.updated, unchanged: report.unchanged)
    }

    @Sendable static func targets(req: Request) async throws -> WriteResult {
        struct Batch: Content { var targets: [TargetService.Input] }
        let inputs = try (try? req.content.decode(Batch.self).targets) ?? req.content.decode([TargetService.Input].self)
        guard !inputs.isEmpty else { throw Abort(.badRequest, reason: "Aucune cible dans la requête.") }
        let report = try await req.db.sqlTransaction { db in
            var importer = TargetImporter()
            return try await ImportPipeline.write(
                &importer, inputs: inputs, provenance: "saisie:\(req.actor.name)", on: db, actor: req.actor)
        }
        return .init(created: report.created, updated: report.updated, unchanged: report.unchanged)
    }

    @Sendable static func progress(req: Request) async throws -> Response {
        guard let code = req.queryText("indicator") else {
            throw Abort(.badRequest, reason: "Paramètre « indicator » manquant.")
        }
        guard let indicator = try await IndicatorQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Indicateur inconnu « \(code) ».")
        }
        guard let written = req.queryText("territory") else {
            throw Abort(.badRequest, reason: "Paramètre « territory » manquant.")
        }
        guard let territory = try await TerritoryQuery.find(written, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(written) ».")
        }
        var couloir: Couloir?
        if let raw = req.queryText("couloir") {
            guard let parsed = Couloir(code: raw) else {
                throw Abort(.badRequest, reason: "Couloir inconnu « \(raw) ».")
            }
            couloir = parsed
        }
        var at = Day.today()
        if let raw = req.queryText("at") {
            guard let day = Day(iso: raw) else {
                throw Abort(.badRequest, reason: "Date « at » illisible « \(raw) » (AAAA-MM-JJ attendu).")
            }
            at = day
        }
        // Targets as a roadmap uses them: the one asked for, else the current one.
        let roadmap = try await RoadmapQuery.chosen(req.queryText("roadmap"), today: Day.today(), on: req.sql)
        let result = try await ProgressQuery.progress(
            indicator: indicator, territory: territory, couloir: couloir, at: at, roadmap: roadmap?.code, on: req.sql)
        return .json(data: try ProgressJSON.data(result))
    }
}
