/// One activity: what, when, where, who; the structures it reached, its attachments, its history.
enum ActivityShow {
    struct Model: Sendable {
        var detail: ActivityDetail
        /// Why the attachment just posted was refused.
        var error: String?
    }
}
