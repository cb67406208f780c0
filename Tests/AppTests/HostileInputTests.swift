import Foundation
import Testing
import Vapor

@testable import App

/// Hostile strings in every free-text field a user or a file can fill, rendered on every page.
@Suite(.serialized) struct HostileInputTests {
    @Test(arguments: TestDB.all)
    func hostileNamesAreEscapedOnEveryPage(db: TestDB) async throws {
        try await db.withApp { app in
            // setup: a FINESS line and a custom territory whose texts are hostile
            _ = try await app.loadFixtureGeography()
            let name = HostileInput.payloads.joined(separator: " ")
            let quoted = name.replacingOccurrences(of: "\"", with: "\"\"")
            let p = HostileInput.payloads
            let line =
                "structureet;590000009;590000090;\"\(quoted)\";\"\(quoted)\";;;1;R;\(p[2]);;;350;59;NORD;"
                + "59000 \(p[3]);;;355;\(p[1]);1102;CH;;;;;;;2020-01-01;2020-01-01;2020-01-01;"
            _ = try await app.importFiness(
                Data(("finess;etalab;1;2026-01-01\n" + line + "\n").utf8), name: "hostile.csv")
            _ = try await app.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: "HOSTILE", name: name, decoupage: HostileInput.payloads[0], parent: "R32",
                        members: ["C59350"]),
                    on: db, actor: .system)
            }
            let decoupage = DecoupageService.slug(HostileInput.payloads[0])
            // act + check
            for path in [
                "/", "/territoires", "/territoires/HOSTILE", "/territoires/C59350", "/territoires/R32", "/decoupages",
                "/decoupages/\(decoupage)",
                "/structures", "/structures/590000009", "/referentiels/categories",
                "/territoires?q=" + HostileInput.payloads[0].addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics)!,
                "/structures?q=" + HostileInput.payloads[1].addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics)!
                    + "&territoire=" + HostileInput.payloads[0].addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics)!
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                HostileInput.assertEscaped(page.body, path)
            }
            // The hostile name is shown, as text.
            #expect(try await app.get("/structures/590000009").body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // A hostile form submission comes back escaped too.
            let refused = try await app.post(
                "/decoupages/\(decoupage)",
                form: [
                    ("code", HostileInput.payloads[1]), ("name", HostileInput.payloads[0]),
                    ("members", HostileInput.payloads[3])
                ])
            #expect(refused.status == .unprocessableEntity)
            HostileInput.assertEscaped(refused.body, "formulaire refusé")
        }
    }

    @Test(arguments: TestDB.all)
    func sqlMetacharactersAndWildcardsAreJustText(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            for q in ["'; DROP TABLE structures; --", "%", "_", "\\", "' OR '1'='1"] {
                let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let page = try await app.get("/structures?q=\(encoded)&statut=toutes")
                #expect(page.status == .ok)
                #expect(page.body.contains("Aucune structure ne correspond"), "q=\(q)")
                let (status, _) = try await app.getJSON("/api/structures?q=\(encoded)&territory=\(encoded)")
                #expect(status == .notFound || status == .ok)
            }
            #expect(try await app.count("structures") == 10)
        }
    }

    @Test(arguments: TestDB.all)
    func oversizedBodiesAreRefused(db: TestDB) async throws {
        try await db.withApp { app in
            let big = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2 * 1024 * 1024)
            var headers = try await app.signIn().headers
            headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
            let r = try await app.testing(method: .running(port: 0)).sendRequest(
                .POST, "/decoupages", headers: headers, body: big)
            #expect(r.status == .payloadTooLarge)
            #expect(r.body.string.contains("trop volumineux"))
        }
    }

    @Test(arguments: TestDB.all)
    func malformedBodiesAreTheClientsError(db: TestDB) async throws {
        try await db.withApp { app in
            // Found by schemathesis: a body announced as multipart that is not one answered 500.
            let multipart = try await app.send(
                .POST, "/api/imports?file=a.csv", headers: ["Content-Type": "multipart/form-data; boundary=x"],
                body: ByteBuffer(string: "--y\r\nnimporte quoi"))
            #expect(
                multipart.status == .badRequest && multipart.body.string.contains("Corps de requête illisible"),
                "\(multipart.body.string)")
            let json = try await app.send(
                .POST, "/api/observations", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(string: #"[{"indicator": 12}]"#))
            #expect(json.status == .badRequest)
        }
    }

    @Test(arguments: TestDB.all)
    func hostileTextsOfAccountsSnapshotsAndSignInAreEscaped(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let name = HostileInput.payloads.joined(separator: " ")
            // A sign-in attempt with a hostile e-mail: echoed in the form and written to the audit trail.
            let login = try await app.signInThroughForm(name, "x", suite: HostileInput.payloads[1])
            #expect(login.status == .unauthorized)
            HostileInput.assertEscaped(login.body.string, "connexion refusée")
            #expect(
                try await app.post(
                    "/administration/comptes",
                    form: [
                        ("email", "hostile@exemple.invalid"), ("name", name), ("role", "lecteur"),
                        ("password", "une phrase assez longue")
                    ]
                ).status == .seeOther)
            #expect(try await app.post("/mon-compte/jetons", form: [("name", name)]).status == .ok)
            #expect(
                try await app.post("/feuille-de-route/photos", form: [("name", name), ("date", "2022-06-30")]).status
                    == .seeOther)
            let user = try #require(try await AccountService.find(email: "hostile@exemple.invalid", on: app.sql))
            let snapshot = try #require(try await SnapshotService.all(on: app.sql).first)
            for path in [
                "/administration/comptes", "/administration/comptes/\(user.id.uuidString.lowercased())", "/mon-compte",
                "/audit", "/audit?q=script",
                "/feuille-de-route/photos", "/feuille-de-route/photos/\(snapshot.id.uuidString.lowercased())"
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                HostileInput.assertEscaped(page.body, path)
            }
            // The snapshot's export neutralises formula-like text like every export.
            let csv = try await app.get(
                "/feuille-de-route/photos/\(snapshot.id.uuidString.lowercased())/avancement.csv"
            ).body
            #expect(!csv.contains(";=") && !csv.contains(";+") && !csv.contains(";@"))
        }
    }

    @Test(arguments: TestDB.all)
    func sqlMetacharactersInTheFiltersOfAccountsAuditAndActivities(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            for q in ["'; DROP TABLE users; --", "%", "_", "\\", "' OR '1'='1"] {
                let e = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                for path in [
                    "/audit?acteur=\(e)&action=\(e)&objet=\(e)&identifiant=\(e)&q=\(e)", "/audit.csv?q=\(e)",
                    "/activites?q=\(e)&territoire=\(e)&type=\(e)",
                    "/annuaire?q=\(e)", "/taches?responsable=\(e)", "/feuille-de-route/photos"
                ] {
                    let page = try await app.get(path)
                    #expect(page.status.code < 500 && page.status != .forbidden, "\(path) → \(page.status)")
                }
            }
            #expect(try await app.count("users") == 1)
            #expect(try await app.count("audit_events") > 0)
        }
    }
}
