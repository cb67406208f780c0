import SQLKit

extension SnapshotIndex {
    /// Every validated snapshot, most recent first (without their frozen tables), and the lock they set.
    static func query(on db: any SQLDatabase) async throws -> Model {
        Model(snapshots: try await SnapshotService.all(on: db), lock: try await PeriodLock.current(on: db))
    }
}
