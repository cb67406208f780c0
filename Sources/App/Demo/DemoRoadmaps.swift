import Foundation
import JalonCore
import SQLKit

/// The demo's two roadmaps: the 2023–2027 plan, current, and the national 2021–2023 template, closed
/// and kept with the photo its last committee validated. Running it again changes nothing.
enum DemoRoadmaps {
    static let current = "feuille-de-route-2023-2027"
    static let closed = "segur-2021-2023"
    static let closingPhoto = (
        name: "Comité régional du numérique en santé du 14 décembre 2023", asOf: Day(2023, 12, 31)
    )

    static func load(region: String, on db: any SQLDatabase, actor: Actor) async throws -> [RoadmapTemplate.Summary] {
        var closedDocument = try RoadmapTemplate.document(closed)
        closedDocument.status = RoadmapStatus.closed.rawValue
        return [
            try await RoadmapDocumentService.write(closedDocument, region: region, file: closed, on: db, actor: actor),
            try await RoadmapTemplate.create(current, region: region, on: db, actor: actor)
        ]
    }

    /// The closing committee's photo of the 2021–2023 roadmap, once its values are there.
    static func validateClosingPhoto(region: String, on db: any SQLDatabase, actor: Actor) async throws -> Bool {
        let code = RoadmapDocumentService.code(of: try RoadmapTemplate.document(closed), region: region)
        guard let roadmap = try await RoadmapQuery.find(code: code, on: db) else { return false }
        let photos = try await db.count(
            "SELECT COUNT(*) AS n FROM snapshots WHERE roadmap_id = \(bind: roadmap.id)")
        guard photos == 0 else { return false }
        // Validated in the name of the demo's pilote, as the committee's photo would have been.
        _ = try await SnapshotService.validate(
            name: closingPhoto.name, at: closingPhoto.asOf, territory: region, couloir: nil, roadmap: code, on: db,
            actor: Actor(name: "pilote@" + DemoAccounts.domain, grant: actor.grant))
        return true
    }
}
