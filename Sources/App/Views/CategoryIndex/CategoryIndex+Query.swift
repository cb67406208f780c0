import SQLKit

extension CategoryIndex {
    static func query(message: String? = nil, error: String? = nil, on db: any SQLDatabase) async throws -> Model {
        Model(
            categories: try await CategoryService.all(on: db),
            counts: try await CategoryService.openStructureCounts(on: db),
            message: message, error: error)
    }
}
