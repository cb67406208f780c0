import SQLKit

extension ImportIndex {
    /// The batches imported so far and the profiles to read a file with; `form` is what the upload form
    /// was filled with.
    static func query(form: Form = .init(), on db: any SQLDatabase) async throws -> Model {
        Model(
            batches: try await ImportBatch.all(on: db),
            profiles: try await ImportProfileService.all(on: db).map(\.profile), form: form)
    }
}
