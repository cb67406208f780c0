import SQLKit

extension ReferentialIndex {
    static func query(message: String? = nil, error: String? = nil, on db: any SQLDatabase) async throws -> Model {
        var lists: [ReferentialKind: [ReferentialItem]] = [:]
        for kind in ReferentialKind.allCases {
            lists[kind] = try await ReferentialService.items(kind, on: db)
        }
        return Model(lists: lists, message: message, error: error)
    }
}
