/// What an upload would do, before anything is written: created, updated, unchanged, rejected.
enum ImportPreview {
    struct Model: Sendable, Equatable {
        var report: ImportReport
        /// The staged upload's id, which the validation posts back.
        var upload: String
    }
}
