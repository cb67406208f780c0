import SQLKit

extension AccountIndex {
    /// Every account with its territories and indicators, administrators first.
    static func query(on db: any SQLDatabase) async throws -> Model {
        var rows: [AccountRights] = []
        for user in try await AccountService.all(on: db) {
            rows.append(try await AccountService.rights(of: user, on: db))
        }
        return Model(rows: rows.sorted { ($0.user.roleValue, $0.user.email) < ($1.user.roleValue, $1.user.email) })
    }
}
