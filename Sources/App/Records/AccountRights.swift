/// An account with the territories and indicators it is given: what the accounts pages and
/// `jalon user list` show of its scope.
struct AccountRights: Sendable, Equatable {
    var user: UserAccount
    var territories: [String]
    var indicators: [String]
}
