import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Sign-in, sessions, CSRF, throttling, tokens and account administration, through HTTP as a
/// browser or a script would, on both databases.
@Suite struct AuthenticationTests {
    static func createUser(_ app: Application, _ email: String, role: Role = .pilote, territories: [String] = [])
        async throws -> UUID
    {
        try await app.createAccount(email, role: role, territories: territories, password: Application.formPassword)
    }

    static func csrf(_ app: Application, cookie: String) async throws -> String {
        let page = try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": cookie]).body.string
        let m = try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/))
        return String(m.1)
    }

    @Test(arguments: TestDB.all)
    func signInOpensAFreshSessionWithAHardenedCookie(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await Self.createUser(app, "pilote@exemple.invalid")
            // A form posted by a browser whose session expired leads to the sign-in page, then back.
            let expired = try await app.testing().sendRequest(
                .POST, "/taches",
                headers: [
                    "Accept": "text/html,application/xhtml+xml",
                    "Referer": "http://127.0.0.1:8080/taches?responsable=x",
                    "Content-Type": "application/x-www-form-urlencoded"
                ], body: ByteBuffer(string: "title=x"))
            #expect(
                expired.status == .seeOther
                    && expired.headers.first(name: .location) == "/connexion?suite=%2Ftaches%3Fresponsable%3Dx")
            let anonymous = try await app.testing().sendRequest(.GET, "/taches")
            #expect(
                anonymous.status == .seeOther
                    && anonymous.headers.first(name: .location) == "/connexion?suite=%2Ftaches")
            #expect(try await app.testing().sendRequest(.GET, "/connexion").body.string.contains("Connexion à Jalon"))

            let wrong = try await app.signInThroughForm("pilote@exemple.invalid", "mauvais mot de passe")
            #expect(
                wrong.status == .unauthorized
                    && wrong.body.string.contains("Adresse électronique ou mot de passe incorrect."))
            // Signing someone in from another site (login CSRF) is refused before the password is even checked.
            let crossSite = try await app.signInThroughForm(
                "pilote@exemple.invalid", headers: ["Origin": "https://ailleurs.example", "Host": "127.0.0.1:8080"]
            )
            #expect(crossSite.status == .forbidden && crossSite.sessionCookie == nil)
            #expect(wrong.sessionCookie == nil)

            let first = try await app.signInThroughForm("PILOTE@exemple.invalid ")
            #expect(first.status == .seeOther && first.headers.first(name: .location) == "/taches")
            let setCookie = try #require(first.headers[.setCookie].first)
            for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
                #expect(setCookie.contains(flag), "cookie \(flag)")
            }
            let cookie = try #require(first.sessionCookie)
            let board = try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": cookie])
            #expect(board.status == .ok && board.body.string.contains("Personne fictive — Pilote régional"))

            // Signing in again, even with the old cookie sent along, gives another session (no fixation).
            let second = try await app.signInThroughForm("pilote@exemple.invalid", headers: ["Cookie": cookie])
            #expect(try #require(second.sessionCookie) != cookie)
            #expect(try await app.count("sessions") == 2)
            // The database holds digests of the session tokens, not the tokens.
            let token = String(cookie.dropFirst(AuthMiddleware.cookieName.count + 1))
            #expect(try await app.count("sessions", where: "id = \(bind: token)") == 0)
            #expect(try await app.count("sessions", where: "id = \(bind: TokenKeys().digest(token))") == 1)

            // Only local paths are followed after sign-in.
            for hostile in ["//ailleurs.example/", "https://ailleurs.example/", "/\\ailleurs.example"] {
                #expect(
                    try await app.signInThroughForm("pilote@exemple.invalid", suite: hostile).headers.first(
                        name: .location)
                        == "/")
            }
            // Sign-out closes the session server-side.
            let csrf = try await Self.csrf(app, cookie: cookie)
            let out = try await app.testing().sendRequest(
                .POST, "/deconnexion", headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(csrf)"))
            #expect(out.status == .seeOther && out.headers[.setCookie].first?.contains("Max-Age=0") == true)
            #expect(
                try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": cookie]).status == .seeOther)

            // The trail has the sign-ins, the failure and the sign-out, with the address; never the password.
            #expect(try await app.count("audit_events", where: "action = 'login' AND address IS NOT NULL") >= 2)
            #expect(try await app.count("audit_events", where: "action = 'login_failed'") == 1)
            #expect(try await app.count("audit_events", where: "action = 'logout'") == 1)
            #expect(
                try await app.count(
                    "audit_events",
                    where: "details LIKE \(bind: "%" + Application.formPassword + "%")"
                        + " OR summary LIKE \(bind: "%mauvais%")") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func stateChangingRequestsNeedTheSessionsCSRFToken(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await Self.createUser(app, "pilote@exemple.invalid")
            let cookie = try #require(try await app.signInThroughForm("pilote@exemple.invalid").sessionCookie)
            let csrf = try await Self.csrf(app, cookie: cookie)
            let form: HTTPHeaders = ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"]
            let body = "name=GHT&description=x"
            let none = try await app.testing().sendRequest(
                .POST, "/decoupages", headers: form, body: ByteBuffer(string: body))
            #expect(
                none.status == .forbidden
                    && none.body.string.contains("Jeton de sécurité du formulaire absent ou périmé"))
            let wrong = try await app.testing().sendRequest(
                .POST, "/decoupages", headers: form,
                body: ByteBuffer(string: body + "&_csrf=" + String(csrf.reversed())))
            #expect(wrong.status == .forbidden)
            var foreign = form
            foreign.add(name: .origin, value: "https://ailleurs.example")
            let crossSite = try await app.testing().sendRequest(
                .POST, "/decoupages", headers: foreign, body: ByteBuffer(string: body + "&_csrf=" + csrf))
            #expect(crossSite.status == .forbidden && crossSite.body.string.contains("vient d&#39;un autre site"))
            #expect(try await app.count("decoupages", where: "name = 'GHT'") == 0)
            let good = try await app.testing().sendRequest(
                .POST, "/decoupages", headers: form, body: ByteBuffer(string: body + "&_csrf=" + csrf))
            #expect(good.status == .seeOther)
            #expect(try await app.count("decoupages", where: "name = 'GHT'") == 1)

            // A multipart upload carries it as a form field too, read before the route's own limit applies.
            let upload = Multipart.body(fields: [("_csrf", csrf)], file: "c.csv", content: "code;nom;type")
            let multipart: HTTPHeaders = ["Cookie": cookie, "Content-Type": Multipart.contentType]
            let posted = try await app.testing().sendRequest(
                .POST, "/annuaire/import?type=organisations", headers: multipart, body: ByteBuffer(string: upload))
            #expect(posted.status != .forbidden)
            let missing = try await app.testing().sendRequest(
                .POST, "/annuaire/import", headers: multipart,
                body: ByteBuffer(string: upload.replacingOccurrences(of: csrf, with: "x")))
            #expect(missing.status == .forbidden)
        }
    }

    @Test(arguments: TestDB.all)
    func repeatedFailuresAreThrottledPerAccountAndPerAddress(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await Self.createUser(app, "cible@exemple.invalid")
            for _ in 0..<5 {
                #expect(
                    try await app.signInThroughForm("cible@exemple.invalid", "essai au hasard").status == .unauthorized)
            }
            // The right password no longer helps: the account waits, and the answer says how long.
            let blocked = try await app.signInThroughForm("cible@exemple.invalid")
            #expect(blocked.status == .tooManyRequests && blocked.body.string.contains("réessayez dans 1 minute"))
            #expect(blocked.headers.first(name: .retryAfter).flatMap(Int.init).map { $0 > 0 && $0 <= 30 } == true)
            #expect(try await app.count("audit_events", where: "action = 'login_throttled'") == 1)
            // The address is throttled too, whatever account it tries next.
            _ = try await Self.createUser(app, "autre@exemple.invalid")
            #expect(try await app.signInThroughForm("autre@exemple.invalid").status == .tooManyRequests)
            // Once the failures are old enough, the right password works and clears the account's count.
            try await app.sql.update("login_failures").set("at", to: Date().addingTimeInterval(-3600)).run()
            #expect(try await app.signInThroughForm("cible@exemple.invalid").status == .seeOther)
            #expect(try await app.count("login_failures", where: "email = 'cible@exemple.invalid'") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func sessionsExpireWhenIdleOrTooOldAndWithTheAccount(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let id = try await Self.createUser(app, "pilote@exemple.invalid")
            func signedIn() async throws -> String {
                try #require(try await app.signInThroughForm("pilote@exemple.invalid").sessionCookie)
            }
            func works(_ cookie: String) async throws -> Bool {
                try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": cookie]).status == .ok
            }

            let idle = try await signedIn()
            try await app.sql.update("sessions").set("last_seen_at", to: Date().addingTimeInterval(-61 * 60)).run()
            #expect(try await works(idle) == false)
            #expect(try await app.count("sessions") == 0)

            let old = try await signedIn()
            try await app.sql.update("sessions").set("created_at", to: Date().addingTimeInterval(-13 * 3600)).run()
            #expect(try await works(old) == false)

            let live = try await signedIn()
            #expect(try await works(live))
            try await app.db.sqlTransaction { db in
                try await AccountService.setActive(id, false, on: db, actor: .system)
            }
            #expect(try await works(live) == false)
            #expect(try await app.signInThroughForm("pilote@exemple.invalid").status == .unauthorized)
        }
    }

    @Test(arguments: TestDB.all)
    func apiTokensActWithinTheirScopeUntilRevoked(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            let id = try await Self.createUser(app, "anim@exemple.invalid", role: .animateur, territories: ["D59"])
            let user = try #require(try await AccountService.find(id: id, on: app.sql))
            let created = try await app.db.sqlTransaction { db in
                try await TokenService.create(
                    user: user, name: "import mensuel", role: nil, territories: [], keys: .init(), on: db,
                    actor: .system)
            }
            #expect(created.token.hasPrefix("jalon_"))
            #expect(try await app.count("api_tokens", where: "token_hash = \(bind: created.token)") == 0)
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await TokenService.create(
                        user: user, name: "trop", role: .pilote, territories: [], keys: .init(), on: db, actor: .system)
                }
            }
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await TokenService.create(
                        user: user, name: "ailleurs", role: nil, territories: ["D62"], keys: .init(), on: db,
                        actor: .system)
                }
            }
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(created.token)", "Content-Type": "application/json"]
            let inside = #"{"date":"2022-05-03","type":"Visite sur site","title":"Par jeton","territories":["D59"]}"#
            let r = try await app.testing().sendRequest(
                .POST, "/api/activities", headers: bearer, body: ByteBuffer(string: inside))
            #expect(r.status == .created, "\(r.body.string)")
            #expect(
                try await app.count(
                    "audit_events",
                    where: "actor = 'anim@exemple.invalid (jeton « import mensuel »)' AND object_type = 'activity'")
                    == 1)
            let outside = try await app.testing().sendRequest(
                .POST, "/api/activities", headers: bearer,
                body: ByteBuffer(string: inside.replacingOccurrences(of: "D59", with: "D62")))
            #expect(outside.status == .forbidden && outside.body.string.contains("Hors de vos territoires (D59)"))
            let regional = try await app.testing().sendRequest(
                .POST, "/api/indicators", headers: bearer, body: ByteBuffer(string: "{}"))
            #expect(regional.status == .forbidden && regional.body.string.contains("Animateur territorial"))

            try await app.db.sqlTransaction { db in try await TokenService.revoke(created.id, on: db, actor: .system) }
            let revoked = try await app.testing().sendRequest(.GET, "/api/indicators", headers: bearer)
            #expect(revoked.status == .unauthorized && revoked.body.string.contains("Jeton d'API inconnu, révoqué"))
            #expect(
                try await app.testing().sendRequest(
                    .GET, "/api/indicators", headers: ["Authorization": "Bearer jalon_faux"]
                ).status == .unauthorized)
        }
    }

    @Test(arguments: TestDB.all)
    func administratorsManageAccountsAndEveryChangeIsAudited(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let created = try await app.post(
                "/administration/comptes",
                form: [
                    ("email", "nouveau@exemple.invalid"), ("name", "Nouvelle personne"), ("role", "animateur"),
                    ("territories", "D59"), ("password", "une phrase assez longue")
                ])
            #expect(created.status == .seeOther)
            let short = try await app.post(
                "/administration/comptes",
                form: [("email", "b@exemple.invalid"), ("role", "lecteur"), ("password", "court")])
            #expect(short.status == .unprocessableEntity && short.body.contains("au moins 12 caractères"))
            #expect(try await app.count("users", where: "email = 'b@exemple.invalid'") == 0)
            let user = try #require(try await AccountService.find(email: "nouveau@exemple.invalid", on: app.sql))
            #expect(user.passwordHash.hasPrefix("$2b$") && !user.passwordHash.contains("phrase"))
            let path = "/administration/comptes/\(user.id.uuidString.lowercased())"
            let page = try await app.get(path)
            #expect(page.body.contains("name=\"version\" value=\"1\""))

            // Two administrators edit the same account: the second, on a stale form, is told so.
            let first = try await app.post(
                path, form: [("version", "1"), ("role", "pilote"), ("name", "Nouvelle personne"), ("active", "1")])
            #expect(first.status == .seeOther)
            let stale = try await app.post(
                path, form: [("version", "1"), ("role", "lecteur"), ("name", "Nouvelle personne"), ("active", "1")])
            #expect(
                stale.status == .conflict
                    && stale.body.contains(
                        "Le compte nouveau@exemple.invalid a été modifié(e) par quelqu&#39;un d&#39;autre "
                            + "pendant que vous l&#39;éditiez")
            )
            #expect(try await AccountService.find(id: user.id, on: app.sql)?.role == "pilote")
            #expect(try await app.get(path).body.contains("Animateur territorial → Pilote régional"))

            // A reset shows a new password once and closes the account's sessions.
            let person = try #require(
                try await app.signInThroughForm("nouveau@exemple.invalid", "une phrase assez longue").sessionCookie)
            #expect(try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": person]).status == .ok)
            let reset = try await app.post(path + "/mot-de-passe", form: [])
            let m = try #require(reset.body.firstMatch(of: /id="nouveau-mot-de-passe">([A-Za-z0-9]{20})</))
            #expect(
                try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": person]).status == .seeOther)
            #expect(try await app.signInThroughForm("nouveau@exemple.invalid", String(m.1)).status == .seeOther)

            // Nobody but an administrator reaches these pages.
            let pilote = try await app.signIn(.pilote)
            #expect(try await app.get("/administration/comptes", as: pilote).status == .forbidden)
            #expect(try await app.get("/audit", as: pilote).status == .forbidden)
            #expect(
                try await app.count(
                    "audit_events", where: "action IN ('create', 'permission', 'password') AND object_type = 'user'")
                    >= 4)
        }
    }

    @Test(arguments: TestDB.all)
    func rotatingTheSecretKeepsSessionsAndTokensThenRekeysThem(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let old = String(repeating: "a", count: 32)
            let new = String(repeating: "b", count: 32)
            app.config.auth.keys = TokenKeys(current: old)
            let id = try await Self.createUser(app, "pilote@exemple.invalid")
            let user = try #require(try await AccountService.find(id: id, on: app.sql))
            let cookie = try #require(try await app.signInThroughForm("pilote@exemple.invalid").sessionCookie)
            let token = try await app.db.sqlTransaction { db in
                try await TokenService.create(
                    user: user, name: "script", role: nil, territories: [], keys: app.config.auth.keys, on: db,
                    actor: .system)
            }.token
            func sessionWorks() async throws -> Bool {
                try await app.testing().sendRequest(.GET, "/taches", headers: ["Cookie": cookie]).status == .ok
            }
            func tokenWorks() async throws -> Bool {
                try await app.testing().sendRequest(
                    .GET, "/api/indicators", headers: ["Authorization": "Bearer \(token)"]
                ).status == .ok
            }
            #expect(
                try await app.count("api_tokens", where: "token_hash = \(bind: TokenKeys.digest(token, key: old))") == 1
            )

            // During the rotation both still work, and are stored under the new key once used.
            app.config.auth.keys = TokenKeys(current: new, previous: old)
            #expect(try await sessionWorks())
            #expect(try await tokenWorks())
            #expect(
                try await app.count("api_tokens", where: "token_hash = \(bind: TokenKeys.digest(token, key: new))") == 1
            )
            app.config.auth.keys = TokenKeys(current: new)
            #expect(try await sessionWorks())
            #expect(try await tokenWorks())

            // A leaked secret replaced without transition signs everybody out.
            app.config.auth.keys = TokenKeys(current: String(repeating: "c", count: 32))
            #expect(try await sessionWorks() == false)
            #expect(try await tokenWorks() == false)
        }
    }

    @Test(arguments: TestDB.all)
    func theAuditTrailIsAppendOnlyInTheDatabaseItself(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await Self.createUser(app, "pilote@exemple.invalid")
            let n = try await app.count("audit_events")
            #expect(n > 0)
            await #expect(throws: (any Error).self) {
                try await app.sql.raw("UPDATE audit_events SET actor = 'quelqu''un d''autre'").run()
            }
            await #expect(throws: (any Error).self) { try await app.sql.raw("DELETE FROM audit_events").run() }
            #expect(try await app.count("audit_events") == n)
            #expect(try await app.count("audit_events", where: "actor = 'quelqu''un d''autre'") == 0)
            // Appending still works (every write of the service layer).
            #expect(try await app.signInThroughForm("pilote@exemple.invalid").status == .seeOther)
            #expect(try await app.count("audit_events") == n + 1)
        }
    }

    @Test(arguments: TestDB.all)
    func formsAreOnlyDrawnForTheRolesThatMayUseThem(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let lecteur = try await app.signIn(.lecteur)
            let animateur = try await app.signIn(.animateur, territories: ["D59"])
            let pilote = try await app.signIn(.pilote)
            let board = { (who: Credentials) in try await app.get("/taches", as: who).body }
            #expect(try await board(lecteur).contains("Créer la tâche") == false)
            #expect(try await board(animateur).contains("Créer la tâche"))
            let fiche = { (who: Credentials) in try await app.get("/feuille-de-route/fiches/DMP", as: who).body }
            #expect(try await fiche(animateur).contains("Enregistrer le RACI") == false)
            #expect(try await fiche(pilote).contains("Enregistrer le RACI"))
            #expect(try await app.get("/feuille-de-route/photos", as: lecteur).body.contains("name=\"date\"") == false)
            #expect(try await app.get("/feuille-de-route/photos", as: pilote).body.contains("name=\"date\""))
            // The pages themselves stay readable.
            #expect(try await app.get("/feuille-de-route/fiches/DMP", as: lecteur).status == .ok)
        }
    }
}
