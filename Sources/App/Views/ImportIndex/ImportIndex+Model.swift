import JalonCore

/// Imports from the page: upload → preview (what would be created, updated, left unchanged, rejected)
/// → validation as one batch → undo.
enum ImportIndex {
    struct Model: Sendable, Equatable {
        var batches: [ImportBatch]
        var profiles: [ImportProfile] = []
        var message: String?
        var error: String?
        var form = Form()
    }

    /// What the upload form was filled with, given back after an error.
    struct Form: Sendable, Equatable {
        var kind = "observations"
        var profile: String?
        /// The answers to the profiles' parameters, by field (`periode`, `territoire`…).
        var settings: [String: String] = [:]
        var sheet: String?
    }
}
