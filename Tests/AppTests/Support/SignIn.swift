import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A signed-in test account: the headers its requests carry (session cookie and CSRF token).
struct Credentials: Sendable {
    var headers: HTTPHeaders
}

extension Application {
    private struct CredentialsKey: StorageKey { typealias Value = [String: Credentials] }

    /// Signs in (creating it on first use) a test account with this role and scope. Requests of the
    /// helpers in `Requests.swift` are made as the administrator unless told otherwise.
    func signIn(
        _ role: Role = .administrateur, email: String? = nil, territories: [String] = [], indicators: [String] = []
    ) async throws -> Credentials {
        let email = email ?? "\(role.rawValue)@test.invalid"
        if let c = storage[CredentialsKey.self]?[email] { return c }
        let id = try await createAccount(
            email, name: "Compte de test \(role.label)", role: role, territories: territories, indicators: indicators)
        let session = try await db.sqlTransaction { db in
            try await SessionService.open(
                user: id, address: "127.0.0.1", userAgent: "tests", keys: self.config.auth.keys, on: db)
        }
        let c = Credentials(headers: [
            "Cookie": "\(AuthMiddleware.cookieName)=\(session.token)", AuthMiddleware.csrfHeader: session.csrf
        ])
        var all = storage[CredentialsKey.self] ?? [:]
        all[email] = c
        storage[CredentialsKey.self] = all
        return c
    }
}

/// Signing in through the sign-in form, as a browser does.
extension Application {
    /// The password the accounts that sign in through the form are given.
    static let formPassword = "cheval agrafe pile correcte"

    /// Opens the form (its sign-in token and cookie), then posts it.
    func signInThroughForm(
        _ email: String, _ password: String = Application.formPassword, suite: String = "/taches",
        headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        let form = try await signInForm()
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        for (n, v) in extra { headers.add(name: n, value: v) }
        let cookie = [form.cookie, headers.first(name: .cookie)].compactMap { $0 }.joined(separator: "; ")
        headers.replaceOrAdd(name: .cookie, value: cookie)
        func encoded(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let body =
            "email=\(encoded(email))&password=\(encoded(password))&suite=\(encoded(suite))"
            + "&_connexion=\(encoded(form.token))"
        return try await testing().sendRequest(.POST, "/connexion", headers: headers, body: ByteBuffer(string: body))
    }

    /// The sign-in form's token and the cookie that goes with it.
    func signInForm() async throws -> (token: String, cookie: String) {
        let page = try await testing().sendRequest(.GET, "/connexion")
        let cookie = try #require(
            page.headers[.setCookie].first { $0.hasPrefix(SessionController.loginTokenCookie + "=") })
        let html = page.body.string
        let marker = "name=\"_connexion\" value=\""
        let start = try #require(html.range(of: marker)).upperBound
        let token = String(html[start...].prefix { $0 != "\"" })
        return (token, String(cookie.split(separator: ";")[0]))
    }
}

extension TestingHTTPResponse {
    /// The session cookie (`name=value`) this response sets, if any.
    var sessionCookie: String? {
        headers[.setCookie].first { $0.hasPrefix(AuthMiddleware.cookieName + "=") }?.split(separator: ";").first.map(
            String.init)
    }
}
