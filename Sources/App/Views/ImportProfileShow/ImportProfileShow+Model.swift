/// One import profile: its definition, a test on a file, its versions.
enum ImportProfileShow {
    struct Model: Sendable, Equatable {
        var stored: StoredImportProfile
        var versions: [StoredImportProfile]
        /// The test on a file just run, if any.
        var trial: ImportProfileTrial?
        /// The answers to the profile's questions given for the test.
        var settings: [String: String] = [:]
    }
}
