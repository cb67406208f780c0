import SQLKit

extension ImportProfileIndex {
    /// The latest version of every profile.
    static func query(on db: any SQLDatabase) async throws -> Model {
        Model(profiles: try await ImportProfileService.all(on: db))
    }
}
