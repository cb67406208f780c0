import Foundation
import Vapor

/// Sign-in and sign-out. The form posts e-mail and password; success opens a new session (a new
/// identifier every time) and goes back where the person was going.
///
/// The sign-in form carries a token of its own, matched against a cookie set with the form (there is
/// no session yet to hold one): another site cannot read it, so it cannot sign a browser into an
/// account of the attacker's (login CSRF), even from a frame whose `Origin` is `null` or absent.
enum SessionController {
    static let loginTokenCookie = "jalon_connexion"
    static let loginTokenField = "_connexion"

    /// What the sign-in form posts.
    struct Credentials: Content {
        var email: String?
        var password: String?
        var suite: String?
        /// The sign-in token the form carries (`loginTokenField`).
        var loginToken: String?

        enum CodingKeys: String, CodingKey {
            case email, password, suite
            case loginToken = "_connexion"
        }
    }

    @Sendable static func form(req: Request) async throws -> Response {
        let next = safeNext(try? req.query.get(String.self, at: "suite"))
        return page(.init(email: "", next: next, error: nil), req: req)
    }

    /// The form with a fresh sign-in token, and the cookie that matches it.
    static func page(_ model: LoginForm.Model, status: HTTPResponseStatus = .ok, req: Request) -> Response {
        var model = model
        model.loginToken = SessionService.randomToken()
        let response = Response.html(LoginForm.render(model), status: status)
        response.cookies[loginTokenCookie] = HTTPCookies.Value(
            string: model.loginToken, maxAge: 2 * 3600, path: SiteURL.login.path,
            isSecure: req.application.config.auth.secureCookie, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(Credentials.self)
        let email = String((form.email ?? "").prefix(254))
        let next = safeNext(form.suite)
        guard let sent = form.loginToken, let expected = req.cookies[loginTokenCookie]?.string, !expected.isEmpty,
            AuthMiddleware().constantTimeEqual(sent, expected)
        else {
            return page(
                .init(
                    email: email, next: next,
                    error:
                        "Le formulaire de connexion a expiré ou ne vient pas de Jalon : "
                        + "saisissez à nouveau votre mot de passe."),
                status: .forbidden, req: req)
        }
        let result = try await req.db.sqlTransaction { db in
            try await SessionService.login(
                email: email, password: form.password ?? "", address: req.clientAddress,
                userAgent: req.headers.first(name: .userAgent) ?? "", policy: req.application.sessionPolicy,
                pool: req.application.threadPool, on: db)
        }
        switch result {
        case .signedIn(let session, _):
            let response = Response.seeOther(next)
            response.cookies[AuthMiddleware.cookieName] = cookie(
                session.token, req: req, maxAge: req.application.config.auth.absoluteHours * 3600)
            return response
        case .refused:
            return page(
                .init(email: email, next: next, error: "Adresse électronique ou mot de passe incorrect."),
                status: .unauthorized, req: req)
        case .throttled(let seconds):
            let minutes = max(1, (seconds + 59) / 60)
            let response = page(
                .init(
                    email: email, next: next,
                    error:
                        "Trop de tentatives de connexion infructueuses : "
                        + "réessayez dans \(minutes) minute\(minutes > 1 ? "s" : "")."),
                status: .tooManyRequests, req: req)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
            return response
        }
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        if let identity = req.identity, case .session(let session) = identity.via {
            try await req.db.sqlTransaction { db in
                try await SessionService.close(session, user: identity.user, address: req.clientAddress, on: db)
            }
        }
        let response = Response.seeOther(SiteURL.login.path)
        response.cookies[AuthMiddleware.cookieName] = cookie("", req: req, maxAge: 0)
        return response
    }

    static func cookie(_ value: String, req: Request, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: maxAge == 0 ? Date(timeIntervalSince1970: 0) : nil, maxAge: maxAge, path: "/",
            isSecure: req.application.config.auth.secureCookie, isHTTPOnly: true, sameSite: .lax)
    }

    /// Only a path of this site: never `//host` or `https://…`, which would make the sign-in page an
    /// open redirect.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.hasPrefix("/\\"),
            !raw.contains(where: \.isNewline),
            !raw.hasPrefix(SiteURL.login.path)
        else { return SiteURL.home.path }
        return raw
    }
}
