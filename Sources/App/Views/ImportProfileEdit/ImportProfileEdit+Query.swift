import SQLKit

extension ImportProfileEdit {
    /// The editor, prefilled with the stored profile `name` when there is one, empty otherwise.
    static func query(profile name: String?, on db: any SQLDatabase) async throws -> Model {
        guard let name, let stored = try await ImportProfileService.find(name, on: db) else { return Model() }
        return Model(form: Form(stored.profile), editing: true)
    }
}
