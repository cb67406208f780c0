/// The administrators' list of accounts, with their scope, and the form to create one.
enum AccountIndex {
    struct Model: Sendable, Equatable {
        var rows: [AccountRights]
        var message: String?
        var error: String?
        var form: Form?
    }

    /// The account fields as filled in, given back after a refusal (and prefilled on an account's page).
    struct Form: Sendable, Equatable {
        var email: String?
        var name: String?
        var role: String?
        var territories: String?
        var indicators: String?
    }
}
