import JalonCore
import SQLKit

extension SnapshotIndex {
    /// Every validated snapshot, most recent first (without their frozen tables), and the lock they set.
    static func query(on db: any SQLDatabase) async throws -> Model {
        let roadmaps = try await RoadmapQuery.all(on: db)
        return Model(
            snapshots: try await SnapshotService.all(on: db), lock: try await PeriodLock.current(on: db),
            roadmaps: roadmaps, currentRoadmap: RoadmapQuery.current(roadmaps, today: Day.today()))
    }
}
