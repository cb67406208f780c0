/// Import profiles: the list of the latest versions, and the import of a profile as JSON.
enum ImportProfileIndex {
    struct Model: Sendable, Equatable {
        var profiles: [StoredImportProfile]
        var message: String?
        var error: String?
    }
}
