import Foundation
import SQLKit

extension AccountShow {
    /// The account with its rights, tokens and history; refused as not found when there is none.
    static func query(id: UUID, on db: any SQLDatabase) async throws -> Model {
        guard let user = try await AccountService.find(id: id, on: db) else {
            throw ServiceError.notFound("Compte inconnu.")
        }
        return Model(
            row: try await AccountService.rights(of: user, on: db),
            tokens: try await TokenService.list(user: id, on: db),
            history: try await AuditQuery.history(type: "user", id: user.email, on: db))
    }
}
