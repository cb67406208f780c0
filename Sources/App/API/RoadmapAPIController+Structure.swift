import Foundation
import JalonCore
import Vapor

/// `PATCH /api/roadmaps/{code}/objectives/{number}`, `PATCH /api/roadmaps/{code}/fiches/{fiche}` and
/// `POST /api/roadmaps/{code}/fiches/{fiche}/move`: the structure edits of the management page, through the
/// same service functions. A field left out keeps its value and `null` clears an optional one; each edit
/// answers the roadmap's summary, whose `version` the next edit may send to be refused (409) if someone
/// else wrote in between.
extension RoadmapAPIController {
    struct ObjectivePatch: Decodable {
        var number: Int?
        var title: String?
        var priority: Int??
        var version: Int?

        enum CodingKeys: String, CodingKey { case number, title, priority, version }

        init(from decoder: any Decoder) throws {
            let body = try decoder.container(keyedBy: CodingKeys.self)
            number = try body.decodeIfPresent(Int.self, forKey: .number)
            title = try body.decodeIfPresent(String.self, forKey: .title)
            priority = try body.decodePatch(Int.self, forKey: .priority)
            version = try body.decodeIfPresent(Int.self, forKey: .version)
        }
    }

    struct FichePatch: Decodable {
        var title: String?
        var service: String??
        var objective: Int??
        var version: Int?

        enum CodingKeys: String, CodingKey { case title, service, objective, version }

        init(from decoder: any Decoder) throws {
            let body = try decoder.container(keyedBy: CodingKeys.self)
            title = try body.decodeIfPresent(String.self, forKey: .title)
            service = try body.decodePatch(String.self, forKey: .service)
            objective = try body.decodePatch(Int.self, forKey: .objective)
            version = try body.decodeIfPresent(Int.self, forKey: .version)
        }
    }

    struct FicheMove: Decodable {
        var direction: String
        var version: Int?
    }

    @Sendable static func updateObjective(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let written = req.parameters.get("number") ?? ""
        // A number that is not one names no objective: the resource is missing, not the body wrong.
        guard let number = Int(written) else {
            throw ServiceError.notFound("Objectif « \(written.prefix(20)) » inconnu.")
        }
        let patch = try req.content.decode(ObjectivePatch.self)
        try await req.db.sqlTransaction { db in
            let before = try await RoadmapService.objective(roadmap: code, number: number, on: db)
            try await RoadmapService.updateObjective(
                roadmap: code, number: number, newNumber: patch.number ?? before.number,
                title: patch.title ?? before.title, priority: patch.priority ?? before.priority,
                version: patch.version, on: db, actor: req.actor)
        }
        return try await summary(code, on: req)
    }

    @Sendable static func updateFiche(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let fiche = req.parameters.get("fiche") ?? ""
        let patch = try req.content.decode(FichePatch.self)
        try await req.db.sqlTransaction { db in
            var edit = try await RoadmapService.ficheEdit(roadmap: code, fiche: fiche, on: db)
            if let title = patch.title { edit.title = title }
            if let service = patch.service { edit.service = service }
            if let objective = patch.objective { edit.objective = objective }
            try await RoadmapService.updateFiche(
                roadmap: code, fiche: fiche, edit, version: patch.version, on: db, actor: req.actor)
        }
        return try await summary(code, on: req)
    }

    @Sendable static func moveFiche(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let fiche = req.parameters.get("fiche") ?? ""
        let move = try req.content.decode(FicheMove.self)
        let offset = try RoadmapService.moveOffset(move.direction)
        try await req.db.sqlTransaction { db in
            try await RoadmapService.moveFiche(
                roadmap: code, fiche: fiche, offset: offset, version: move.version, on: db, actor: req.actor)
        }
        return try await summary(code, on: req)
    }

    /// The roadmap as `GET /api/roadmaps` lists it, after the edit: its new version included.
    static func summary(_ code: String, on req: Request) async throws -> Response {
        let roadmap = try await RoadmapService.existing(code, on: req.sql)
        let open = try await RoadmapQuery.all(includingArchived: false, on: req.sql)
        let current = RoadmapQuery.current(open, today: Day.today())
        return try .json(RoadmapItem(roadmap, current: roadmap.code == current?.code))
    }
}

extension KeyedDecodingContainer {
    /// A field of a partial update: nil when the key is absent (keep the stored value), `.some(nil)` when
    /// it is `null` (clear it).
    func decodePatch<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value?? {
        guard contains(key) else { return nil }
        return .some(try decodeIfPresent(Value.self, forKey: key))
    }
}
