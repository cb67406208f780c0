import Foundation
import JalonCore
import Vapor

enum IndicatorAPIController {
    struct IndicatorItem: Content, Equatable {
        var code, label, service, couloir, source, type, unit, nature, periodicity, rollup, direction: String
        var cumulative_since: String?
        var formula: String?

        init(_ s: StoredIndicator) {
            let d = s.definition
            code = d.code
            label = d.label
            service = d.service
            couloir = d.couloir.rawValue
            source = d.source
            type = d.kind.rawValue
            unit = s.unit
            nature = d.nature.rawValue
            periodicity = s.periodicity
            rollup = d.rollup.rawValue
            direction = d.direction.rawValue
            cumulative_since = d.cumulativeSince?.iso
            formula = d.formula
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
        guard let i = try await IndicatorQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Indicateur inconnu « \(code) ».")
        }
        struct R: Decodable {
            var territory_code, couloir, due_on, value_kind: String
            var value_number: Double?
            var value_text: String?
        }
        let targets = try await req.sql.select().columns(
            "territory_code", "couloir", "due_on", "value_kind", "value_number", "value_text"
        ).from("targets")
            .where("indicator_code", .equal, i.code).orderBy("territory_code").orderBy("due_on").all(decoding: R.self)
        struct N: Decodable { var n: Int }
        let count =
            try await req.sql.raw("SELECT COUNT(*) AS n FROM observations WHERE indicator_code = \(bind: i.code)")
            .first(decoding: N.self)?.n ?? 0
        return IndicatorDetail(
            indicator: .init(i),
            targets: targets.map {
                TargetItem(
                    territory: $0.territory_code, couloir: $0.couloir, due: $0.due_on, kind: $0.value_kind,
                    value: $0.value_number, text: $0.value_text)
            }, observations: count)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(IndicatorService.Input.self)
        let existed = try await IndicatorQuery.find(input.code.trimmingCharacters(in: .whitespaces), on: req.sql) != nil
        try await req.db.sqlTransaction { db in _ = try await IndicatorService.upsert(input, on: db, actor: req.actor) }
        let stored = try await IndicatorQuery.find(input.code.trimmingCharacters(in: .whitespaces), on: req.sql)!
        let r = Response(status: existed ? .ok : .created)
        try r.content.encode(IndicatorItem(stored), as: .json)
        return r
    }

    /// A batch `{"observations": [...]}` (or a bare array): every line valid, or nothing written.
    @Sendable static func observations(req: Request) async throws -> WriteResult {
        struct Batch: Content { var observations: [ObservationService.Input] }
        let inputs =
            try (try? req.content.decode(Batch.self).observations)
            ?? req.content.decode([ObservationService.Input].self)
        guard !inputs.isEmpty else { throw Abort(.badRequest, reason: "Aucune observation dans la requête.") }
        let outcome = try await req.db.sqlTransaction { db in
            try await ObservationService.record(
                inputs, provenance: "saisie:" + req.actor.name, on: db,
                actor: req.actor(overriding: try? req.query.get(String.self, at: "override")))
        }
        return .init(created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged)
    }

    @Sendable static func targets(req: Request) async throws -> WriteResult {
        struct Batch: Content { var targets: [TargetService.Input] }
        let inputs = try (try? req.content.decode(Batch.self).targets) ?? req.content.decode([TargetService.Input].self)
        guard !inputs.isEmpty else { throw Abort(.badRequest, reason: "Aucune cible dans la requête.") }
        return try await req.db.sqlTransaction { db in
            var result = WriteResult(created: 0, updated: 0, unchanged: 0)
            for (n, i) in inputs.enumerated() {
                do {
                    if try await TargetService.set(i, on: db, actor: req.actor) {
                        result.updated += 1
                    } else {
                        result.unchanged += 1
                    }
                } catch let e as ServiceError {
                    throw ServiceError(
                        kind: e.kind, message: inputs.count > 1 ? "Ligne \(n + 1) : \(e.message)" : e.message)
                }
            }
            return result
        }
    }

    @Sendable static func progress(req: Request) async throws -> Response {
        func q(_ k: String) -> String? { (try? req.query.get(String.self, at: k)).flatMap { $0.isEmpty ? nil : $0 } }
        guard let code = q("indicator") else { throw Abort(.badRequest, reason: "Paramètre « indicator » manquant.") }
        guard let indicator = try await IndicatorQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Indicateur inconnu « \(code) ».")
        }
        guard let t = q("territory") else { throw Abort(.badRequest, reason: "Paramètre « territory » manquant.") }
        guard let territory = try await TerritoryQuery.find(t, on: req.sql) else {
            throw Abort(.notFound, reason: "Territoire inconnu « \(t) ».")
        }
        var couloir: Couloir?
        if let c = q("couloir") {
            guard let parsed = Couloir(code: c) else { throw Abort(.badRequest, reason: "Couloir inconnu « \(c) ».") }
            couloir = parsed
        }
        var at = Day.today()
        if let a = q("at") {
            guard let d = Day(iso: a) else {
                throw Abort(.badRequest, reason: "Date « at » illisible « \(a) » (AAAA-MM-JJ attendu).")
            }
            at = d
        }
        let result = try await ProgressQuery.progress(
            indicator: indicator, territory: territory, couloir: couloir, at: at, on: req.sql)
        let r = Response(status: .ok, body: .init(data: try ProgressJSON.data(result)))
        r.headers.contentType = .json
        return r
    }
}
