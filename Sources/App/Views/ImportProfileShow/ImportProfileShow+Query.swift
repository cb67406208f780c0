import SQLKit

extension ImportProfileShow {
    /// A profile (its latest version, or `version`) with every version of it; nil when unknown.
    static func query(name: String, version: Int? = nil, on db: any SQLDatabase) async throws -> Model? {
        guard let stored = try await ImportProfileService.find(name, version: version, on: db) else { return nil }
        return Model(stored: stored, versions: try await ImportProfileService.versions(stored.profile.name, on: db))
    }
}
