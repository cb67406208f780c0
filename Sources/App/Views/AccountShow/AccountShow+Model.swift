/// One account for an administrator: its rights, its password reset, its API tokens, its history.
enum AccountShow {
    struct Model: Sendable, Equatable {
        var row: AccountRights
        var tokens: [APIToken]
        var history: [AuditEvent]
        var error: String?
        /// A password just reset, shown this once.
        var newPassword: String?
    }
}
