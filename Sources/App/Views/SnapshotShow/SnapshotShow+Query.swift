import Foundation
import SQLKit

extension SnapshotShow {
    /// The snapshot with its frozen table and its history; nil when there is none with this id.
    static func query(id: UUID, on db: any SQLDatabase) async throws -> Model? {
        guard let snapshot = try await SnapshotService.find(id, on: db) else { return nil }
        return Model(
            snapshot: snapshot,
            history: try await AuditQuery.history(type: "snapshot", id: snapshot.id.uuidString, on: db))
    }
}
