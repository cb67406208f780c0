import JalonCore
import Vapor

@testable import App

extension Application {
    /// The national Ségur template as the région's roadmap.
    func createRoadmap() async throws {
        _ = try await db.sqlTransaction { db in
            try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .system)
        }
    }
}
