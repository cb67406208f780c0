import JalonCore
import Vapor

/// Who is asking, resolved once per request by `AuthMiddleware` from the session cookie or a
/// Bearer token.
struct Identity: Sendable {
    enum Via: Sendable {
        case session(SessionService.Session)
        case token(APIToken)
    }

    var user: UserAccount
    var grant: Grant
    var via: Via

    var csrf: String? {
        if case .session(let session) = via { return session.csrf }
        return nil
    }
}

extension Request {
    private struct IdentityKey: StorageKey { typealias Value = Identity }

    var identity: Identity? {
        get { storage[IdentityKey.self] }
        set { storage[IdentityKey.self] = newValue }
    }

    /// The client address as the audit trail records it: the peer, or the first X-Forwarded-For
    /// hop when Jalon is told it sits behind a proxy (JALON_TRUST_PROXY=1).
    var clientAddress: String {
        if application.config.auth.trustProxy,
            let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first
        {
            return String(forwarded.trimmingCharacters(in: .whitespaces).prefix(64))
        }
        return remoteAddress?.ipAddress ?? "inconnue"
    }

    /// The actor of a write made through this request. A route with a write rule always has an
    /// identity (the middleware saw to it); without one the request can write nothing.
    var actor: Actor {
        guard let identity else {
            return Actor(name: "anonyme", address: clientAddress, grant: Grant(role: .lecteur))
        }
        var name = identity.user.email
        if case .token(let token) = identity.via { name += " (jeton « \(token.name) »)" }
        return Actor(name: name, address: clientAddress, grant: identity.grant, userID: identity.user.id)
    }
}

extension Request {
    /// The actor with an explicit override of locked periods (`motif`), for the writes that offer it.
    func actor(overriding reason: String?) -> Actor { actor.overriding(reason) }
}

extension Application {
    var sessionPolicy: SessionService.Policy {
        .init(
            idle: TimeInterval(config.auth.idleMinutes * 60), absolute: TimeInterval(config.auth.absoluteHours * 3600),
            throttle: LoginThrottle(), keys: config.auth.keys)
    }
}
