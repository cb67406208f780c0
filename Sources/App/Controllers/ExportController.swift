import JalonCore
import Vapor

enum ExportController {
    @Sendable static func observations(req: Request) async throws -> Response {
        func q(_ k: String) -> String? { (try? req.query.get(String.self, at: k)).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = ObservationExport.Filter(indicator: q("indicateur"), territory: nil, couloir: q("couloir").flatMap { Couloir(code: $0) })
        if let t = q("territoire") {
            guard let found = try await TerritoryQuery.find(t, on: req.sql) else { throw Abort(.notFound, reason: "Territoire inconnu « \(t.prefix(40)) ».") }
            filter.territory = found.code
        }
        return .csv(try await ObservationExport.observations(filter, on: req.sql), fileName: "observations.csv")
    }

    @Sendable static func progress(req: Request) async throws -> Response {
        let territory = (try? req.query.get(String.self, at: "territoire")).flatMap { $0.isEmpty ? nil : $0 }
        guard let model = try await Dashboard.query(at: try RoadmapController.at(req), territory: territory, couloir: RoadmapController.couloir(req), on: req.sql) else {
            throw Abort(.notFound, reason: "Aucune feuille de route.")
        }
        return .csv(ObservationExport.progress(model), fileName: "avancement-\(model.territory.code)-\(model.at.iso).csv")
    }
}
