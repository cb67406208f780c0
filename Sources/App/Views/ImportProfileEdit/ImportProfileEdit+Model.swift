/// The profile editor: a sample file, where each field comes from, a test on the sample, the save.
enum ImportProfileEdit {
    struct Model: Sendable, Equatable {
        var form = Form()
        /// The sample file kept between two submissions (a staged upload).
        var sample: Sample?
        var trial: ImportProfileTrial?
        var error: String?
        /// Whether the form starts from a stored profile (a new version) rather than from nothing.
        var editing = false
    }

    struct Sample: Sendable, Equatable {
        /// The staged upload's id.
        var id: String
        var name: String
    }
}
