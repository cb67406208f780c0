import Foundation
import JalonCore
import SQLKit

/// Accounts pages: one's own account, the administrators' list, one account's rights.
enum AccountsPage {
    struct Mine: Sendable {
        var user: AccountService.User
        var grant: Grant
        var tokens: [TokenService.Token]
        var message: String?
        var error: String?
        /// A token just created, shown this once.
        var newToken: String?
    }

    struct Row: Sendable {
        var user: AccountService.User
        var territories: [String]
        var indicators: [String]
    }

    struct List: Sendable {
        var rows: [Row]
        var message: String?
        var error: String?
        var form: AccountController.AccountForm?
    }

    struct One: Sendable {
        var row: Row
        var tokens: [TokenService.Token]
        var history: [AuditQuery.Event]
        var error: String?
        var newPassword: String?
    }

    static func mine(_ identity: Identity, message: String?, on db: any SQLDatabase) async throws -> Mine {
        let text: String? =
            switch message {
            case "revoque": "Jeton révoqué."
            default: nil
            }
        return Mine(
            user: identity.user, grant: identity.grant,
            tokens: try await TokenService.list(user: identity.user.id, on: db), message: text)
    }

    static func list(message: String?, on db: any SQLDatabase) async throws -> List {
        var rows: [Row] = []
        for user in try await AccountService.all(on: db) {
            rows.append(try await row(user, on: db))
        }
        return List(
            rows: rows.sorted { ($0.user.roleValue, $0.user.email) < ($1.user.roleValue, $1.user.email) },
            message: message == "cree" ? "Compte créé." : nil)
    }

    /// An account with its territories and indicators.
    static func row(_ user: AccountService.User, on db: any SQLDatabase) async throws -> Row {
        Row(
            user: user, territories: try await AccountService.territories(of: user.id, on: db),
            indicators: try await AccountService.indicators(of: user.id, on: db))
    }

    static func one(_ id: UUID, on db: any SQLDatabase) async throws -> One {
        guard let user = try await AccountService.find(id: id, on: db) else {
            throw ServiceError.notFound("Compte inconnu.")
        }
        return One(
            row: try await row(user, on: db),
            tokens: try await TokenService.list(user: id, on: db),
            history: try await AuditQuery.history(type: "user", id: user.email, on: db))
    }
}
