import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The rights gaps a probe of every role found (issue 12), each kept closed by a test: tokens that
/// outlive their owner's territories, reach logged in another territory, origins compared by host.
@Suite(.serialized) struct AccessRegressionTests {
    static func post(_ app: Application, _ path: String, _ json: String, headers extra: HTTPHeaders) async throws
        -> TestingHTTPResponse
    {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: json))
    }

    static func activity(_ territory: String, structures: [String] = []) -> String {
        let reached = structures.map { #"{"structure":"\#($0)"}"# }.joined(separator: ",")
        return #"{"date":"2022-05-03","type":"Visite sur site","title":"Visite","territories":["\#(territory)"],"#
            + #""structures":[\#(reached)]}"#
    }

    static func token(_ app: Application, for id: UUID) async throws -> HTTPHeaders {
        let user = try #require(try await AccountService.find(id: id, on: app.sql))
        let created = try await app.db.sqlTransaction { db in
            try await TokenService.create(
                user: user, name: "import", role: nil, territories: [], keys: app.config.auth.keys, on: db,
                actor: .system)
        }
        return ["Authorization": "Bearer \(created.token)"]
    }

    static func move(
        _ app: Application, _ id: UUID, _ email: String, role: Role, to territories: [String], indicators: [String] = []
    ) async throws {
        try await app.db.sqlTransaction { db in
            try await AccountService.update(
                id,
                .init(
                    email: email, name: "Personne fictive", role: role, territories: territories, indicators: indicators
                ),
                version: nil, on: db, actor: .system)
        }
    }

    @Test(arguments: TestDB.all)
    func aTokenNeverKeepsTerritoriesItsOwnerLost(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            // setup: an animateur of the Nord with a token, then moved to the Pas-de-Calais
            try await app.createRoadmap()
            let animateur = try await app.createAccount("anim@exemple.invalid", role: .animateur, territories: ["D59"])
            let bearer = try await Self.token(app, for: animateur)
            #expect(
                try await Self.post(app, "/api/activities", Self.activity("D59"), headers: bearer).status == .created)
            try await Self.move(app, animateur, "anim@exemple.invalid", role: .animateur, to: ["D62"])
            // act
            let old = try await Self.post(app, "/api/activities", Self.activity("D59"), headers: bearer)
            let new = try await Self.post(app, "/api/activities", Self.activity("D62"), headers: bearer)
            // check: the token follows its owner's rights as they are now, not as they were
            #expect(old.status == .forbidden, "\(old.body.string)")
            #expect(
                new.status == .forbidden && new.body.string.contains("Hors de vos territoires"), "\(new.body.string)")

            // setup: a contributeur narrowed to the Nord, moved to the Pas-de-Calais — an empty
            // intersection must not widen into the whole région
            let contributeur = try await app.createAccount(
                "contrib@exemple.invalid", role: .contributeur, territories: ["D59"], indicators: ["O3-18"])
            let contributorBearer = try await Self.token(app, for: contributeur)
            try await Self.move(
                app, contributeur, "contrib@exemple.invalid", role: .contributeur, to: ["D62"], indicators: ["O3-18"])
            // act
            let nord = try await Self.post(
                app, "/api/observations", #"[{"indicator":"O3-18","territory":"D59","period":"2022-05","value":"1"}]"#,
                headers: contributorBearer)
            let region = try await Self.post(
                app, "/api/observations", #"[{"indicator":"O3-18","territory":"R32","period":"2022-05","value":"1"}]"#,
                headers: contributorBearer)
            // check
            #expect(
                nord.status == .forbidden && region.status == .forbidden, "\(nord.body.string) \(region.body.string)")

            // act: a deactivated owner's tokens stop at once
            try await app.db.sqlTransaction { db in
                try await AccountService.setActive(animateur, false, on: db, actor: .system)
            }
            let deactivated = try await app.testing().sendRequest(.GET, "/api/indicators", headers: bearer)
            // check
            #expect(deactivated.status == .unauthorized)
            #expect(try await app.count("observations") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func anAnimateurReachesOnlyStructuresOfHisTerritories(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            // setup: T00000ES1 is in Lille (D59), T00000ES4 in Arras (D62)
            let nord = try await app.signIn(.animateur, territories: ["D59"])
            let before = try await app.reach(.es, "D62", since: nil, at: "2022-12-31")
            // act: API, form, import, contact
            let api = try await app.send(
                .POST, "/api/activities", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(string: Self.activity("D59", structures: ["T00000ES1", "T00000ES4"])), as: nord)
            let form = try await app.post(
                "/activites/nouvelle",
                form: [
                    ("date", "2022-05-03"), ("type", "Visite sur site"), ("title", "Visite"),
                    ("territories", "D59"), ("structures", "T00000ES4")
                ], as: nord)
            let actor = Actor(name: "anim", grant: Grant(role: .animateur, territories: ["D59"]))
            let journal =
                "date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs\n"
                + "2022-05-04;Visite sur site;Visite;MSS;ES;D59;T00000ES4;3;ARS\n"
            let imported = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await ImportKind.activities.run(
                        ImportFile(name: "journal.csv", data: Data(journal.utf8)), mode: .commit, on: db, actor: actor)
                }
            }
            let contact = try await app.send(
                .POST, "/api/contacts", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: #"{"first_name":"Claire","last_name":"Exemple","structure":"T00000ES4","#
                        + #""territories":["D59"]}"#),
                as: nord)
            let own = try await app.send(
                .POST, "/api/activities", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(string: Self.activity("D59", structures: ["T00000ES1"])), as: nord)
            // check
            #expect(
                api.status == .forbidden && api.body.string.contains("Hors de vos territoires (D59)"),
                "\(api.body.string)")
            #expect(form.status == .forbidden, "\(form.status)")
            #expect(imported?.kind == .forbidden)
            #expect(contact.status == .forbidden, "\(contact.body.string)")
            #expect(own.status == .created, "\(own.body.string)")
            let after = try await app.reach(.es, "D62", since: nil, at: "2022-12-31")
            #expect(after.reached == before.reached && after.reached == 0)
            #expect(try await app.count("contacts") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func onlyThisSitesFullOriginMayChangeState(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // setup
            let pilote = try await app.signIn(.pilote)
            func post(origin: String?) async throws -> HTTPStatus {
                var headers: HTTPHeaders = ["Host": "127.0.0.1:8080", "Content-Type": "application/json"]
                if let origin { headers.add(name: .origin, value: origin) }
                return try await app.send(
                    .POST, "/api/indicators", headers: headers, body: ByteBuffer(string: "{}"), as: pilote
                ).status
            }
            // act & check: another port, another scheme, null — all refused; the same origin and no origin go on
            for other in [
                "http://127.0.0.1:9999", "https://127.0.0.1", "null", "http://127.0.0.1",
                "http://127.0.0.1:8080.evil.example", "file://"
            ] {
                #expect(try await post(origin: other) == .forbidden, "\(other)")
            }
            #expect(try await post(origin: "http://127.0.0.1:8080") != .forbidden)
            #expect(try await post(origin: "HTTP://127.0.0.1:8080") != .forbidden)
            #expect(try await post(origin: nil) != .forbidden)

            // act & check: behind a proxy, the configured public address is the only origin
            app.config.auth.publicOrigin = SiteOrigin("https://jalon.ars-hdf.example")
            #expect(try await post(origin: "https://jalon.ars-hdf.example") != .forbidden)
            #expect(try await post(origin: "https://jalon.ars-hdf.example:443") != .forbidden)
            #expect(try await post(origin: "http://jalon.ars-hdf.example") == .forbidden)
            #expect(try await post(origin: "http://127.0.0.1:8080") == .forbidden)
            #expect(throws: AppConfig.Invalid.self) { try AppConfig.publicOrigin("jalon.ars-hdf.example") }
        }
    }

    @Test(arguments: TestDB.all)
    func theSignInFormCarriesATokenOfItsOwn(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // setup
            _ = try await app.createAccount(
                "pilote@exemple.invalid", role: .pilote, password: Application.formPassword)
            let password = Application.formPassword.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let body = "email=pilote%40exemple.invalid&password=\(password)"
            let form = try await app.signInForm()
            // act: no token (a forged form from a sandboxed frame sends no Origin or `null`), a token without its
            // cookie, then both
            let forged = try await app.testing().sendRequest(
                .POST, "/connexion", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body))
            let noCookie = try await app.testing().sendRequest(
                .POST, "/connexion", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body + "&_connexion=\(form.token)"))
            let genuine = try await app.testing().sendRequest(
                .POST, "/connexion",
                headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": form.cookie],
                body: ByteBuffer(string: body + "&_connexion=\(form.token)"))
            // check
            #expect(forged.status == .forbidden && forged.body.string.contains("Le formulaire de connexion a expiré"))
            #expect(forged.sessionCookie == nil && noCookie.sessionCookie == nil)
            #expect(noCookie.status == .forbidden)
            #expect(genuine.status == .seeOther && genuine.sessionCookie != nil)
            let setCookie = try #require(
                form.cookie.isEmpty
                    ? nil : try await app.testing().sendRequest(.GET, "/connexion").headers[.setCookie].first)
            #expect(
                setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                    && setCookie.contains("Path=/connexion"))
        }
    }

    @Test(arguments: TestDB.all)
    func pageHistoriesNameTheActorButNeitherHisEmailNorHisAddress(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            // setup: an activity logged by a named animateur, from an address the trail keeps
            let id = try await app.createAccount(
                "claire.exemple@demo.jalon.invalid", name: "Claire Exemple", role: .animateur, territories: ["D59"])
            let actor = Actor(
                name: "claire.exemple@demo.jalon.invalid", address: "203.0.113.7",
                grant: Grant(role: .animateur, territories: ["D59"]), userID: id)
            let input = ActivityService.Input(
                date: "2022-05-03", type: "Visite sur site", title: "Visite", territories: ["D59"])
            let change = try await app.db.sqlTransaction { db in
                try await ActivityService.save(try await ActivityService.resolve(input, on: db), on: db, actor: actor)
            }
            guard case .created(let activity) = change else {
                Issue.record("activité non créée")
                return
            }
            let reader = try await app.signIn(.lecteur)
            // act
            let page = try await app.get("/activites/\(activity.uuidString.lowercased())", as: reader)
            let audit = try await app.get("/audit?objet=activity")
            // check
            #expect(page.status == .ok && page.body.contains("Claire Exemple"))
            #expect(!page.body.contains("claire.exemple@") && !page.body.contains("203.0.113.7"))
            #expect(audit.body.contains("claire.exemple@demo.jalon.invalid") && audit.body.contains("203.0.113.7"))
        }
    }

    @Test(arguments: TestDB.all)
    func listsAndTextsOfAnActivityAreBounded(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            // setup
            let followups = (1...51).map { "\"suite \($0)\"" }.joined(separator: ",")
            let notes = String(repeating: "n", count: 20_001)
            // act
            let many = try await app.send(
                .POST, "/api/activities", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: #"{"date":"2022-05-03","type":"Visite sur site","title":"Visite","territories":["D59"],"#
                        + #""followups":[\#(followups)]}"#))
            let long = try await app.send(
                .POST, "/api/activities", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: #"{"date":"2022-05-03","type":"Visite sur site","title":"Visite","territories":["D59"],"#
                        + #""notes":"\#(notes)"}"#))
            let ancient = try await app.send(
                .POST, "/api/activities", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string:
                        #"{"date":"0001-01-01","type":"Visite sur site","title":"Visite","territories":["D59"]}"#))
            // check
            #expect(
                many.status == .unprocessableEntity
                    && many.body.string.contains("« suites à donner » : 51 pour 50 au plus"), "\(many.body.string)")
            #expect(
                long.status == .unprocessableEntity
                    && long.body.string.contains("« Notes » dépasse 20\u{202F}000 caractères"),
                "\(long.body.string)")
            #expect(
                ancient.status == .unprocessableEntity && ancient.body.string.contains("années 1990 à 2100"),
                "\(ancient.body.string)")
            #expect(try await app.count("tasks") == 0)
            #expect(try await app.count("activities") == 0)
            // act & check: a structures line that is only a separator names nothing (it used to trap the server)
            let separator = try await app.post(
                "/activites/nouvelle",
                form: [
                    ("date", "2022-05-03"), ("type", "visite-sur-site"), ("title", "Visite"),
                    ("territories", "D59"), ("structures", ";\n;")
                ])
            #expect(separator.status == .seeOther, "\(separator.status) \(separator.body.prefix(300))")
        }
    }

    @Test(arguments: TestDB.all)
    func csvExportsNeutraliseEveryFormulaTrigger(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // setup: contacts whose names start with each character a spreadsheet runs
            for (index, name) in ["=1+1", "+A1", "-1+1", "@SUM(A1)", "\r=1"].enumerated() {
                let json = try String(
                    decoding: JSONEncoder().encode(["first_name": name, "last_name": "Exemple\(index)"]), as: UTF8.self)
                let r = try await app.send(
                    .POST, "/api/contacts", headers: ["Content-Type": "application/json"],
                    body: ByteBuffer(string: json))
                #expect(r.status == .created || r.status == .ok, "\(r.body.string)")
            }
            // act
            let csv = try await app.get("/annuaire/contacts.csv").body
            // check: each is prefixed with an apostrophe, and reads back as it was
            for name in ["=1+1", "+A1", "-1+1", "@SUM(A1)", "\r=1"] {
                #expect(csv.contains("'" + name) || csv.contains("\"'" + name), "\(name.debugDescription)")
            }
            // A tab never survives the forms' trimming; a file's cell can still hold one.
            #expect(
                CSVField.quote("\tcmd") == "'\tcmd"
                    && ExportTable(sheet: "x", header: ["\t=1"], rows: []).csv.contains("'\t=1"))
            #expect(SpreadsheetFormula.neutralised("-4,5") == "-4,5" && SpreadsheetFormula.restored("'\t=1") == "\t=1")
        }
    }

    @Test(arguments: TestDB.all)
    func aPendingPreviewIsItsUploadersAndExpires(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            // setup: a contributeur uploads a file for preview
            let owner = try await app.signIn(.pilote, email: "pilote.a@test.invalid")
            let other = try await app.signIn(.pilote, email: "pilote.b@test.invalid")
            let body = Multipart.body(
                fields: [("kind", "observations")], file: "valeurs.csv",
                content: "indicateur;territoire;periode;valeur\nDMP-ALIM;D59;2022-05;10 %\n")
            let uploaded = try await app.send(
                .POST, "/imports", headers: ["Content-Type": Multipart.contentType], body: ByteBuffer(string: body),
                as: owner)
            let match = try #require(uploaded.body.string.firstMatch(of: /\/imports\/apercus\/([0-9a-f-]{36})/))
            let path = "/imports/apercus/\(match.1)"
            // act & check: another writer can neither open nor commit it; its uploader and an administrator can
            #expect(try await app.get(path, as: other).status == .notFound)
            #expect(try await app.post(path, form: [], as: other).status == .notFound)
            #expect(try await app.get(path, as: owner).status == .ok)
            #expect(try await app.get(path).status == .ok)
            #expect(try await app.count("observations") == 0)
            // act & check: a day later it has expired, and the next upload removes it
            try await app.sql.raw(
                "UPDATE import_uploads SET created_at = \(bind: Date().addingTimeInterval(-25 * 3600))"
            ).run()
            #expect(try await app.get(path, as: owner).status == .notFound)
            _ = try await app.send(
                .POST, "/imports", headers: ["Content-Type": Multipart.contentType], body: ByteBuffer(string: body),
                as: other)
            #expect(try await app.count("import_uploads") == 1)
        }
    }
}
