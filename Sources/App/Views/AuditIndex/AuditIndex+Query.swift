import SQLKit

extension AuditIndex {
    static func query(_ filter: AuditFilter, on db: any SQLDatabase) async throws -> Model {
        let (events, total) = try await AuditQuery.page(filter, on: db)
        return Model(filter: filter, events: events, total: total)
    }
}
