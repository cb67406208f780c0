import JalonCore
import Vapor

/// Resolves the identity, checks CSRF on state-changing requests made with a session, and applies
/// the route's rule. Services then check territories and indicators on the object itself.
struct AuthMiddleware: AsyncMiddleware {
    static let cookieName = "jalon_session"
    static let csrfField = "_csrf"
    static let csrfHeader = "X-CSRF-Token"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Unrouted requests (static files, 404) carry no rule; FileMiddleware and the router answer
        // them.
        guard let route = req.route else { return try await next.respond(to: req) }
        // Uploads expand no further than an uncompressed upload may be, whoever posts them.
        return try await ExpansionLimits.$current.withValue(.upload) {
            try await authorized(req, route: route, next: next)
        }
    }

    private func authorized(_ req: Request, route: Route, next: any AsyncResponder) async throws -> Response {
        req.identity = try await resolve(req)
        guard let access = route.access else {
            throw Abort(.forbidden, reason: "Cette adresse n'a pas de règle d'accès : elle est refusée à tous.")
        }
        let changesState = ![.GET, .HEAD, .OPTIONS].contains(req.method)
        // A browser posting from another site is refused everywhere, sign-in included (login CSRF).
        if changesState { try checkOrigin(req) }
        if access == .anonymous {
            return try await RequestContext.$current.withValue(.init(identity: req.identity)) {
                try await next.respond(to: req)
            }
        }
        guard let identity = req.identity else { return unauthenticated(req) }
        if changesState, case .session(let session) = identity.via {
            try await checkCSRF(req, route: route, expected: session.csrf)
        }
        guard access.allows(identity.grant.role) else {
            if case .write(let area) = access {
                throw Abort(
                    .forbidden,
                    reason:
                        "Accès refusé : votre rôle (\(identity.grant.role.label)) "
                        + "ne permet pas de modifier \(area.label).")
            }
            throw Abort(.forbidden, reason: "Accès refusé.")
        }
        return try await RequestContext.$current.withValue(.init(identity: identity)) {
            try await next.respond(to: req)
        }
    }

    func resolve(_ req: Request) async throws -> Identity? {
        let db = req.sql
        if let bearer = req.headers.bearerAuthorization?.token {
            guard
                let (user, grant, token) = try await TokenService.resolve(
                    bearer, keys: req.application.config.auth.keys, on: db)
            else {
                throw Abort(
                    .unauthorized, headers: ["WWW-Authenticate": "Bearer"],
                    reason: "Jeton d'API inconnu, révoqué, ou dont le titulaire est désactivé.")
            }
            return Identity(user: user, grant: grant, via: .token(token))
        }
        guard let token = req.cookies[Self.cookieName]?.string, !token.isEmpty, token.count < 200,
            let resumed = try await SessionService.resume(token: token, policy: req.application.sessionPolicy, on: db)
        else { return nil }
        return Identity(
            user: resumed.user, grant: try await AccountService.grant(for: resumed.user, on: db),
            via: .session(resumed.session))
    }

    /// People go to the sign-in page and come back; programs get 401. A browser posting a form after
    /// its session expired goes to the sign-in page too, then back to the page the form was on.
    func unauthenticated(_ req: Request) -> Response {
        let browser = req.headers.first(name: .accept)?.contains("text/html") == true
        if req.method != .GET, browser, !req.url.path.hasPrefix("/api/") {
            let back =
                req.headers.first(name: .referer).flatMap { URL(string: $0) }.map {
                    $0.path + ($0.query.map { "?" + $0 } ?? "")
                } ?? "/"
            return .seeOther(
                SiteURL.login.path + "?suite="
                    + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        }
        if req.url.path.hasPrefix("/api/") || req.method != .GET {
            let response = Response(status: .unauthorized)
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            try? response.content.encode(
                [
                    "error":
                        "Authentification requise : connectez-vous ou présentez un jeton d'API "
                        + "(Authorization: Bearer …).",
                    "status": "401"
                ], as: .json)
            return response
        }
        return .seeOther(
            SiteURL.login.path + "?suite="
                + (req.url.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }

    /// The synchronizer token of the session, in the form (`_csrf`) or in a header for scripts using
    /// the session; plus the Origin check for browsers that send it.
    func checkCSRF(_ req: Request, route: Route, expected: String) async throws {
        let refused = Abort(
            .forbidden, reason: "Jeton de sécurité du formulaire absent ou périmé : rechargez la page et recommencez.")
        if let header = req.headers.first(name: Self.csrfHeader) {
            guard constantTimeEqual(header, expected) else { throw refused }
            return
        }
        if req.body.data == nil {
            _ = try await req.body.collect(max: (route.maxBody ?? req.application.routes.defaultMaxBodySize).value)
                .get()
        }
        guard let sent = try? req.content.get(String.self, at: Self.csrfField), constantTimeEqual(sent, expected) else {
            throw refused
        }
    }

    /// Browsers send `Origin` on cross-site POSTs: it must be this site's origin — scheme, host and
    /// port, not the host alone (another service on the same host is another site). `null` (a sandboxed
    /// frame, a redirect chain, a `file:` page) is refused: it can come from anywhere. Programs send no
    /// `Origin` and are let through to the token and CSRF checks.
    func checkOrigin(_ req: Request) throws {
        guard let sent = req.headers.first(name: .origin) else { return }
        let refused = Abort(.forbidden, reason: "Requête refusée : elle vient d'un autre site (\(sent.prefix(80))).")
        guard let origin = SiteOrigin(sent), let expected = Self.expectedOrigin(req), origin == expected else {
            throw refused
        }
    }

    /// JALON_PUBLIC_URL when set; otherwise the request's own Host, over the scheme the proxy reports
    /// when it is trusted, plain HTTP otherwise.
    static func expectedOrigin(_ req: Request) -> SiteOrigin? {
        let auth = req.application.config.auth
        if let configured = auth.publicOrigin { return configured }
        guard let host = req.headers.first(name: .host) else { return nil }
        let forwarded = auth.trustProxy ? req.headers.first(name: "X-Forwarded-Proto")?.lowercased() : nil
        return SiteOrigin(scheme: forwarded == "https" ? "https" : "http", hostHeader: host)
    }

    func constantTimeEqual(_ sent: String, _ expected: String) -> Bool {
        let sentBytes = Array(sent.utf8)
        let expectedBytes = Array(expected.utf8)
        guard sentBytes.count == expectedBytes.count else { return false }
        return zip(sentBytes, expectedBytes).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// What the pages need of the request while they render: who is signed in (the header shows it)
/// and the CSRF token every POST form carries. A task-local, so views keep taking only their model.
struct RequestContext: Sendable {
    var identity: Identity?

    @TaskLocal static var current = RequestContext(identity: nil)
}
