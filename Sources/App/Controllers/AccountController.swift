import Foundation
import JalonCore
import Vapor

/// One's own account (password, API tokens) and, for administrators, everyone's.
enum AccountController {
    struct PasswordForm: Content {
        var current: String?
        var password: String?
        var confirmation: String?
    }
    struct TokenForm: Content {
        var name: String?
        var role: String?
        var territories: String?
    }
    struct AccountForm: Content {
        var email: String?
        var name: String?
        var role: String?
        var territories: String?
        var indicators: String?
        var active: String?
        var version: Int?
        var password: String?
    }

    static func accountID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw ServiceError.notFound("Compte inconnu.")
        }
        return id
    }

    /// One's own account page again, with the reason a change was refused.
    static func mine(_ me: Identity, refused error: ServiceError, on req: Request) async throws -> Response {
        var model = try await MyAccountShow.query(me, on: req.sql)
        model.error = error.message
        return .html(MyAccountShow.render(model), status: error.status)
    }

    static func identity(_ req: Request) throws -> Identity {
        guard let identity = req.identity else { throw Abort(.unauthorized, reason: "Connectez-vous.") }
        return identity
    }

    @Sendable static func mine(req: Request) async throws -> Response {
        var model = try await MyAccountShow.query(identity(req), on: req.sql)
        if (try? req.query.get(String.self, at: "ok")) == "revoque" { model.message = "Jeton révoqué." }
        return .html(MyAccountShow.render(model))
    }

    @Sendable static func changePassword(req: Request) async throws -> Response {
        let me = try identity(req)
        let form = try req.content.decode(PasswordForm.self)
        do {
            guard
                await AccountService.verify(
                    form.current ?? "", hash: me.user.passwordHash, pool: req.application.threadPool)
            else {
                throw ServiceError.invalid("Mot de passe actuel incorrect.", field: "current")
            }
            guard form.password == form.confirmation else {
                throw ServiceError.invalid("Les deux saisies du nouveau mot de passe diffèrent.", field: "confirmation")
            }
            let hash = try await req.application.hashPassword(form.password ?? "", email: me.user.email)
            // Changing the password closes every session, this one included: sign in again.
            try await req.db.sqlTransaction { db in
                try await AccountService.setPassword(me.user.id, hash: hash, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.login.path)
        } catch let error as ServiceError {
            return try await mine(me, refused: error, on: req)
        }
    }

    @Sendable static func createToken(req: Request) async throws -> Response {
        let me = try identity(req)
        let form = try req.content.decode(TokenForm.self)
        do {
            let role = try form.role.flatMap { $0.isEmpty ? nil : $0 }.map(Role.init(required:))
            let created = try await req.db.sqlTransaction { db in
                try await TokenService.create(
                    user: me.user, name: form.name ?? "", role: role,
                    territories: DirectoryController.commaList(form.territories),
                    keys: req.application.config.auth.keys, on: db, actor: req.actor)
            }
            var model = try await MyAccountShow.query(me, on: req.sql)
            model.newToken = created.token
            return .html(MyAccountShow.render(model))
        } catch let error as ServiceError {
            return try await mine(me, refused: error, on: req)
        }
    }

    @Sendable static func revokeToken(req: Request) async throws -> Response {
        let me = try identity(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw ServiceError.notFound("Jeton inconnu.")
        }
        try await req.db.sqlTransaction { db in try await TokenService.revoke(id, on: db, actor: req.actor) }
        return .seeOther(
            me.grant.role == .administrateur && (try? req.query.get(String.self, at: "retour")) == "admin"
                ? SiteURL.accounts.path : SiteURL.myAccount.path + "?ok=revoque")
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var model = try await AccountIndex.query(on: req.sql)
        if (try? req.query.get(String.self, at: "ok")) == "cree" { model.message = "Compte créé." }
        return .html(AccountIndex.render(model))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(AccountForm.self)
        do {
            let input = try Self.input(form)
            let hash = try await req.application.hashPassword(form.password ?? "", email: input.email)
            try await req.db.sqlTransaction { db in
                _ = try await AccountService.create(input, passwordHash: hash, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.accounts.path + "?ok=cree")
        } catch let error as ServiceError {
            var model = try await AccountIndex.query(on: req.sql)
            model.error = error.message
            model.form = .init(
                email: form.email, name: form.name, role: form.role, territories: form.territories,
                indicators: form.indicators)
            return .html(AccountIndex.render(model), status: error.status)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let id = try accountID(req)
        return .html(AccountShow.render(try await AccountShow.query(id: id, on: req.sql)))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let id = try accountID(req)
        let form = try req.content.decode(AccountForm.self)
        do {
            let input = try Self.input(form)
            try await req.db.sqlTransaction { db in
                try await AccountService.update(id, input, version: form.version, on: db, actor: req.actor)
                try await AccountService.setActive(id, form.active == "1", on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.account(id.uuidString.lowercased()).path + "?ok=enregistre")
        } catch let error as ServiceError {
            var model = try await AccountShow.query(id: id, on: req.sql)
            model.error = error.message
            return .html(AccountShow.render(model), status: error.status)
        }
    }

    /// A new random password, shown once to the administrator, who hands it over; the account's
    /// sessions are closed.
    @Sendable static func resetPassword(req: Request) async throws -> Response {
        let id = try accountID(req)
        guard let user = try await AccountService.find(id: id, on: req.sql) else {
            throw ServiceError.notFound("Compte inconnu.")
        }
        let password = AccountService.randomPassword()
        let hash = try await req.application.hashPassword(password, email: user.email)
        try await req.db.sqlTransaction { db in
            try await AccountService.setPassword(id, hash: hash, on: db, actor: req.actor)
        }
        var model = try await AccountShow.query(id: id, on: req.sql)
        model.newPassword = password
        return .html(AccountShow.render(model))
    }

    static func input(_ form: AccountForm) throws -> AccountService.Input {
        .init(
            email: form.email ?? "", name: form.name ?? "", role: try Role(required: form.role ?? ""),
            territories: DirectoryController.commaList(form.territories),
            indicators: DirectoryController.commaList(form.indicators))
    }
}
