import JalonCore
import Vapor

/// Downloads: observations and targets for a filter, the progress of the roadmap at a date — CSV or XLSX.
enum ExportController {
    static func filter(_ req: Request) async throws -> ObservationExport.Filter {
        func q(_ k: String) -> String? { (try? req.query.get(String.self, at: k)).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = ObservationExport.Filter(indicator: q("indicateur"), territory: nil, couloir: q("couloir").flatMap { Couloir(code: $0) })
        if let t = q("territoire") {
            guard let found = try await TerritoryQuery.find(t, on: req.sql) else { throw Abort(.notFound, reason: "Territoire inconnu « \(t.prefix(40)) ».") }
            filter.territory = found.code
        }
        return filter
    }

    static func observations(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in try await ObservationExport.observations(try await filter(req), on: req.sql).response(fileName: "observations", format: format) }
    }

    static func targets(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in try await ObservationExport.targets(try await filter(req), on: req.sql).response(fileName: "cibles", format: format) }
    }

    static func progress(_ format: ExportTable.Format) -> @Sendable (Request) async throws -> Response {
        { req in try await progress(req, format: format) }
    }

    static func progress(_ req: Request, format: ExportTable.Format) async throws -> Response {
        let territory = (try? req.query.get(String.self, at: "territoire")).flatMap { $0.isEmpty ? nil : $0 }
        guard let model = try await Dashboard.query(at: try RoadmapController.at(req), territory: territory, couloir: RoadmapController.couloir(req), on: req.sql) else {
            throw Abort(.notFound, reason: "Aucune feuille de route.")
        }
        return try ObservationExport.progress(model).response(fileName: "avancement-\(model.territory.code)-\(model.at.iso)", format: format)
    }
}
