import SQLKit

extension DirectoryIndex {
    static func query(on db: any SQLDatabase) async throws -> Model {
        Model(
            organisations: try await DirectoryQuery.organisations(on: db),
            contacts: try await DirectoryQuery.contacts(on: db),
            duplicates: try await DirectoryService.duplicates(on: db),
            history: try await AuditQuery.history([.type("contact"), .type("organisation")], limit: 30, on: db))
    }
}
