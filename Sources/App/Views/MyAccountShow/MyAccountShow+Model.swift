import JalonCore

/// One's own account: rights, password change, API tokens.
enum MyAccountShow {
    struct Model: Sendable, Equatable {
        var user: UserAccount
        var grant: Grant
        var tokens: [APIToken]
        var message: String?
        var error: String?
        /// A token just created, shown this once.
        var newToken: String?
    }
}
