import Foundation
import JalonCore
import SQLKit

extension RoadmapIndex {
    static func query(today: Day, on db: any SQLDatabase) async throws -> Model {
        let roadmaps = try await RoadmapQuery.all(includingArchived: true, on: db)
        let current = RoadmapQuery.current(roadmaps.filter { !$0.archived }, today: today)
        struct ObjectiveRow: Decodable {
            var roadmapID: UUID
            var number: Int
            var title: String
            var priority: Int?
        }
        let objectives = try await db.select().columns("roadmap_id", "number", "title", "priority").from("objectives")
            .orderBy("number").all(decoding: ObjectiveRow.self, with: .snakeCase)
        struct FicheCountRow: Decodable {
            var roadmapID: UUID
            var fiches: Int
        }
        let fiches = try await db.raw("SELECT roadmap_id, COUNT(*) AS fiches FROM fiches GROUP BY roadmap_id")
            .all(decoding: FicheCountRow.self, with: .snakeCase)
        struct FicheLineRow: Decodable {
            var roadmapID: UUID
            var code: String
            var title: String
            var serviceCode: String?
            var objective: Int?
        }
        let lines = try await db.raw(
            """
            SELECT f.roadmap_id, f.code, f.title, f.service_code, o.number AS objective
            FROM fiches f LEFT JOIN objectives o ON o.id = f.objective_id ORDER BY f.sort, f.code
            """
        ).all(decoding: FicheLineRow.self, with: .snakeCase)
        return Model(
            entries: roadmaps.map { roadmap in
                Entry(
                    roadmap: roadmap, current: roadmap.code == current?.code,
                    objectives: objectives.filter { $0.roadmapID == roadmap.id }.map {
                        ($0.number, $0.title, $0.priority)
                    },
                    fiches: fiches.first { $0.roadmapID == roadmap.id }?.fiches ?? 0,
                    ficheList: lines.filter { $0.roadmapID == roadmap.id }.map {
                        FicheLine(code: $0.code, title: $0.title, service: $0.serviceCode, objective: $0.objective)
                    })
            }, templates: RoadmapTemplate.available, message: nil, error: nil)
    }
}
