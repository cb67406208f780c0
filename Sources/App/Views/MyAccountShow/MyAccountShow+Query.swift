import SQLKit

extension MyAccountShow {
    /// The signed-in person's account, rights and tokens.
    static func query(_ identity: Identity, on db: any SQLDatabase) async throws -> Model {
        Model(
            user: identity.user, grant: identity.grant,
            tokens: try await TokenService.list(user: identity.user.id, on: db))
    }
}
