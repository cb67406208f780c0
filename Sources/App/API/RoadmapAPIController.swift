import Foundation
import JalonCore
import Vapor

/// `GET /api/roadmaps`, `GET /api/roadmaps/{code}` (the roadmap document) and `POST /api/roadmaps`
/// (write a document, all or nothing: 201 when it created the roadmap, 200 when it updated it); the
/// structure's edits are in `RoadmapAPIController+Structure`.
enum RoadmapAPIController {
    struct RoadmapItem: Content, Equatable {
        var code, name, startOn, endOn, status: String
        var region: String?
        var archived, current: Bool
        /// What an edit sends back as `version` to be refused if someone else wrote in between.
        var version: Int

        enum CodingKeys: String, CodingKey {
            case code, name, region, status, archived, current, version
            case startOn = "start_on"
            case endOn = "end_on"
        }

        init(_ roadmap: Roadmap, current: Bool) {
            code = roadmap.code
            name = roadmap.name
            startOn = roadmap.startOn
            endOn = roadmap.endOn
            status = roadmap.status.rawValue
            region = roadmap.regionCode
            archived = roadmap.archived
            self.current = current
            version = roadmap.version
        }
    }

    struct WriteSummary: Content, Equatable {
        var code: String
        var created: Bool
        var objectives, fiches, actions, indicators, indicatorsWritten, targets, targetsWritten, structureWritten: Int

        enum CodingKeys: String, CodingKey {
            case code, created, objectives, fiches, actions, indicators, targets
            case indicatorsWritten = "indicators_written"
            case targetsWritten = "targets_written"
            case structureWritten = "structure_written"
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let roadmaps = try await RoadmapQuery.all(includingArchived: true, on: req.sql)
        let current = RoadmapQuery.current(roadmaps.filter { !$0.archived }, today: Day.today())
        return try .json(roadmaps.map { RoadmapItem($0, current: $0.code == current?.code) })
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let roadmap = try await RoadmapQuery.find(code: code, on: req.sql) else {
            throw ServiceError.notFound("Feuille de route inconnue « \(code.prefix(60)) ».")
        }
        return .json(data: try await RoadmapDocumentService.document(roadmap, on: req.sql).encoded())
    }

    @Sendable static func write(req: Request) async throws -> Response {
        guard let body = req.body.data else {
            throw ServiceError.invalid("Corps de requête vide : envoyez le document de la feuille de route.")
        }
        let document: RoadmapDocument
        do { document = try RoadmapDocument.decode(Data(buffer: body), file: "document") } catch let error
            as RoadmapDocumentError
        {
            throw ServiceError.invalid(error.description)
        }
        let summary = try await req.db.sqlTransaction { db in
            try await RoadmapDocumentService.write(
                document, region: req.queryText("region"), file: "document", on: db, actor: req.actor)
        }
        return try .json(
            WriteSummary(
                code: summary.roadmap, created: summary.created, objectives: summary.objectives,
                fiches: summary.fiches, actions: summary.actions, indicators: summary.indicators,
                indicatorsWritten: summary.indicatorsWritten, targets: summary.targets,
                targetsWritten: summary.targetsWritten, structureWritten: summary.structureWritten),
            status: summary.created ? .created : .ok)
    }
}
