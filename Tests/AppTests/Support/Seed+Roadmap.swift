import JalonCore
import Testing
import Vapor

@testable import App

extension Application {
    /// The national Ségur template as the région's roadmap.
    func createRoadmap() async throws {
        _ = try await db.sqlTransaction { db in
            try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .system)
        }
    }

    /// The indicators the national roadmap's fiches follow (a shipped profile brings others).
    func roadmapIndicatorCodes() async throws -> Set<String> {
        let roadmap = try #require(try await RoadmapQuery.find(code: "segur-2021-2023-r32", on: sql))
        return try await RoadmapQuery.indicatorCodes(of: roadmap.id, on: sql)
    }
}
