import Crypto
import Foundation
import JalonCore
import SQLKit
import Vapor

/// Sign-in, database sessions and login throttling. Sessions live in the database so that every
/// node behind the proxy sees them; the cookie carries a random token whose digest (`TokenKeys`) is
/// the row's key, so a copy of the database does not hand out live sessions.
enum SessionService {
    struct Session: Sendable, Equatable {
        var id: String
        var token: String
        var csrf: String
    }

    struct Policy: Sendable {
        var idle: TimeInterval
        var absolute: TimeInterval
        var throttle: LoginThrottle
        var keys: TokenKeys
    }

    static func randomToken(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(raw).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        ).replacingOccurrences(of: "=", with: "")
    }

    enum LoginResult: Sendable, Equatable {
        case signedIn(Session, UserAccount)
        case refused
        case throttled(seconds: Int)
    }

    /// A bcrypt hash of nothing in particular, verified when the e-mail is unknown so that the
    /// answer takes as long as for a known account.
    static let decoyHash: String = (try? Bcrypt.hash(randomToken(), cost: 12)) ?? ""

    /// Checks throttling, then the password; records the failure or opens a new session. Runs in
    /// the caller's transaction.
    static func login(
        email rawEmail: String, password: String, address: String, userAgent: String, policy: Policy,
        pool: NIOThreadPool, on db: any SQLDatabase
    ) async throws -> LoginResult {
        let email = AccountService.normalized(rawEmail)
        let now = Date()
        let wait = max(
            try await throttleWait(column: "email", value: email, policy: policy, now: now, on: db),
            try await throttleWait(column: "address", value: address, policy: policy, now: now, on: db))
        let actor = Actor(name: email.isEmpty ? "anonyme" : String(email.prefix(120)), address: address)
        if wait > 0 {
            try await AuditService.record(
                db, actor: actor, action: "login_throttled", objectType: "user", objectID: email,
                summary:
                    "Connexion refusée sans vérification : trop d'échecs récents (attente \(Int(wait.rounded(.up))) s)")
            return .throttled(seconds: Int(wait.rounded(.up)))
        }
        let user = try await AccountService.find(email: email, on: db)
        let ok = await AccountService.verify(password, hash: user?.passwordHash ?? decoyHash, pool: pool)
        guard let user, ok, user.active else {
            try await db.insert(into: "login_failures").columns("id", "email", "address", "at")
                .values(SQLBind(UUID()), SQLBind(email), SQLBind(address), SQLBind(now)).run()
            try await AuditService.record(
                db, actor: actor, action: "login_failed", objectType: "user", objectID: email,
                summary: user?.active == false
                    ? "Connexion refusée : compte désactivé" : "Connexion refusée : identifiants incorrects")
            return .refused
        }
        try await db.delete(from: "login_failures").where("email", .equal, email).run()
        // Expired sessions and stale failures are cleared as people sign in: no scheduler needed.
        try await sweep(policy: policy, on: db)
        let session = try await open(user: user.id, address: address, userAgent: userAgent, keys: policy.keys, on: db)
        try await AuditService.record(
            db, actor: Actor(name: user.email, address: address, userID: user.id), action: "login", objectType: "user",
            objectID: user.email,
            summary: "Connexion", details: ["navigateur": String(userAgent.prefix(200))])
        return .signedIn(session, user)
    }

    static func throttleWait(column: String, value: String, policy: Policy, now: Date, on db: any SQLDatabase)
        async throws -> Double
    {
        struct FailureRow: Decodable { var at: Date }
        let since = now.addingTimeInterval(-policy.throttle.window)
        let rows = try await db.select().column("at").from("login_failures").where(SQLIdentifier(column), .equal, value)
            .where("at", .greaterThan, since).all(decoding: FailureRow.self)
        return policy.throttle.wait(failures: rows.map { $0.at.timeIntervalSince1970 }, now: now.timeIntervalSince1970)
    }

    /// A new session, never a reused one: signing in always changes the identifier (no fixation).
    static func open(user: UUID, address: String, userAgent: String, keys: TokenKeys, on db: any SQLDatabase)
        async throws -> Session
    {
        let token = randomToken()
        let csrf = randomToken()
        let id = keys.digest(token)
        let now = Date()
        try await db.insert(into: "sessions").columns(
            "id", "user_id", "csrf_token", "created_at", "last_seen_at", "address", "user_agent"
        )
        .values(
            SQLBind(id), SQLBind(user), SQLBind(csrf), SQLBind(now), SQLBind(now), SQLBind(address),
            SQLBind(String(userAgent.prefix(300)))
        )
        .run()
        return Session(id: id, token: token, csrf: csrf)
    }

    struct Resolved: Sendable {
        var session: Session
        var user: UserAccount
    }

    /// The session a cookie names, if it is alive; touches it at most once a minute.
    static func resume(token: String, policy: Policy, on db: any SQLDatabase) async throws -> Resolved? {
        struct SessionRow: Decodable {
            var id: String
            var csrfToken: String
            var createdAt: Date
            var lastSeenAt: Date
            var userID: UUID
        }
        let candidates = policy.keys.candidates(token)
        guard
            let stored = try await db.select().columns("id", "csrf_token", "created_at", "last_seen_at", "user_id")
                .from("sessions")
                .where("id", .in, candidates).first(decoding: SessionRow.self, with: .snakeCase)
        else { return nil }
        let id = candidates[0]
        // Found under JALON_SECRET_PREVIOUS: re-keyed now, so the old key can be dropped later.
        if stored.id != id {
            try await db.update("sessions").set("id", to: id).where("id", .equal, stored.id).run()
        }
        let now = Date()
        if now.timeIntervalSince(stored.lastSeenAt) > policy.idle
            || now.timeIntervalSince(stored.createdAt) > policy.absolute
        {
            try await db.delete(from: "sessions").where("id", .equal, id).run()
            return nil
        }
        guard let user = try await AccountService.find(id: stored.userID, on: db), user.active else { return nil }
        if now.timeIntervalSince(stored.lastSeenAt) > 60 {
            try await db.update("sessions").set("last_seen_at", to: now).where("id", .equal, id).run()
        }
        return Resolved(session: Session(id: id, token: token, csrf: stored.csrfToken), user: user)
    }

    static func close(_ session: Session, user: UserAccount, address: String, on db: any SQLDatabase)
        async throws
    {
        try await db.delete(from: "sessions").where("id", .equal, session.id).run()
        try await AuditService.record(
            db, actor: Actor(name: user.email, address: address, userID: user.id), action: "logout", objectType: "user",
            objectID: user.email, summary: "Déconnexion")
    }

    /// Expired sessions and old failures, removed at start-up and now and then; nothing depends on it.
    static func sweep(policy: Policy, on db: any SQLDatabase) async throws {
        let now = Date()
        try await db.delete(from: "sessions").where("last_seen_at", .lessThan, now.addingTimeInterval(-policy.idle))
            .orWhere("created_at", .lessThan, now.addingTimeInterval(-policy.absolute)).run()
        try await db.delete(from: "login_failures").where(
            "at", .lessThan, now.addingTimeInterval(-policy.throttle.window)
        ).run()
    }
}
