import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// Profiles as users meet them: the pages (list, test on a file, editor, JSON in and out), the
/// import page with a profile, and the API.
@Suite(.serialized) struct ImportProfilePagesTests {
    static func multipart(_ parts: [(name: String, value: String, file: String?)], boundary: String = "----jalonprofil")
        -> (HTTPHeaders, ByteBuffer)
    {
        var body = ""
        for p in parts {
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(p.name)\""
                + (p.file.map { "; filename=\"\($0)\"\r\nContent-Type: text/csv" } ?? "") + "\r\n\r\n\(p.value)\r\n"
        }
        body += "--\(boundary)--\r\n"
        return (["Content-Type": "multipart/form-data; boundary=\(boundary)"], ByteBuffer(string: body))
    }

    static func send(_ app: Application, _ path: String, _ parts: [(name: String, value: String, file: String?)])
        async throws -> (HTTPStatus, String, String?)
    {
        let (headers, body) = multipart(parts)
        let r = try await app.send(.POST, path, headers: headers, body: body)
        return (r.status, r.body.string, r.headers.first(name: .location))
    }

    static var insi: String { String(decoding: try! Fixtures.data("insi_secteurs_fevrier_2022.tsv"), as: UTF8.self) }

    @Test(arguments: TestDB.all)
    func aProfileIsTestedOnAFileWithoutWriting(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            let list = try await app.get("/imports/profils")
            #expect(
                list.status == .ok && list.body.contains("insi-secteurs") && list.body.contains("apcv-departements"))
            let page = try await app.get("/imports/profils/insi-secteurs")
            #expect(
                page.body.contains("lu sur couloir | indicateur")
                    && page.body.contains("Etablissements sanitaires | Nombre d&#39;appels → O3-18"))
            let (status, html, _) = try await Self.send(
                app, "/imports/profils/insi-secteurs",
                [
                    ("periode", "2022-02", nil), ("territoire", "R32", nil), ("file", Self.insi, "insi.tsv")
                ])
            #expect(status == .ok)
            #expect(
                html.contains(
                    "6 lignes : 6 valeurs seraient créées, 0 modifiées, 0 inchangées, 0 lignes rejetées."))
            #expect(html.contains("#2 « Nombre d&#39;appels »"))
            #expect(try await app.count("observations") == 0)
            #expect(try await app.get("/imports/profils/inconnu").status == .notFound)
        }
    }

    @Test(arguments: TestDB.all)
    func theEditorBuildsAProfileFromASampleAndSavesVersions(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            let wide = "Département;janv. 2023;févr. 2023\nNord;1 204;1 530\nPas-de-Calais;310;402\nTotal;1514;1932\n"
            // the sample alone: its columns are offered, the profile is not complete yet
            let (s1, h1, _) = try await Self.send(
                app, "/imports/profils/editeur",
                [("name", "apcv-mensuel", nil), ("action", "tester", nil), ("file", wide, "apcv.csv")])
            #expect(s1 == .unprocessableEntity)
            #expect(
                h1.contains(
                    "Colonnes de l&#39;exemple : #1 « Département », #2 « janv. 2023 », #3 « févr. 2023 »"))
            let sample = try #require(
                h1.range(of: "name=\"sample\" value=\"").map { String(h1[$0.upperBound...].prefix(36)) })
            let fields: [(name: String, value: String, file: String?)] = [
                ("sample", sample, nil), ("name", "apcv-mensuel", nil), ("header_line", "1", nil),
                ("col_territoire", "Département", nil),
                ("const_indicateur", "O3-20", nil), ("unpivot_field", "periode", nil),
                ("unpivot_value_field", "valeur", nil), ("unpivot_columns", "janv. 2023\nfévr. 2023", nil),
                ("filters", "Département : exclure : Total", nil)
            ]
            let (s2, h2, _) = try await Self.send(app, "/imports/profils/editeur", fields + [("action", "tester", nil)])
            #expect(s2 == .ok)
            #expect(h2.contains("4 lignes : 4 valeurs seraient créées"))
            #expect(try await ImportProfileService.find("apcv-mensuel", on: app.sql) == nil)
            let (s3, _, location) = try await Self.send(
                app, "/imports/profils/editeur", fields + [("action", "enregistrer", nil)])
            #expect(s3 == .seeOther && location == "/imports/profils/apcv-mensuel")
            let saved = try #require(try await ImportProfileService.find("apcv-mensuel", on: app.sql))
            #expect(
                saved.profile.unpivot
                    == .init(field: "periode", columns: ["janv. 2023", "févr. 2023"], valueField: "valeur"))
            #expect(saved.profile.filters == [.init(column: "Département", drop: ["Total"])])
            // the editor reopens a profile as it is, and a change is a new version
            let reopened = try await app.get("/imports/profils/editeur?profil=apcv-mensuel")
            #expect(reopened.body.contains("Département : exclure : Total"))
            _ = try await Self.send(
                app, "/imports/profils/editeur",
                fields.map { $0.name == "filters" ? ("filters", "Département : exclure : Total | France", nil) : $0 }
                    + [("action", "enregistrer", nil)])
            #expect(
                try await ImportProfileService.versions("apcv-mensuel", on: app.sql).map(\.profile.version) == [2, 1])
            // a broken notation is named with its line
            let (s4, h4, _) = try await Self.send(
                app, "/imports/profils/editeur",
                fields.map { $0.name == "filters" ? ("filters", "Total\nDépartement : jeter : x", nil) : $0 } + [
                    ("action", "enregistrer", nil)
                ])
            #expect(s4 == .unprocessableEntity)
            #expect(h4.contains("Filtres, ligne 1 :") && h4.contains("Filtres, ligne 2 :"))
        }
    }

    @Test(arguments: TestDB.all)
    func profilesGoOutAndComeBackAsJSON(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            let r = try await app.send(.GET, "/imports/profils/apcv-departements/json")
            #expect(r.status == .ok && r.headers.contentType == .json)
            let json = r.body.string
            #expect(json.contains("\"APCV-ACTIV\""))
            var doc = try ImportProfileDocument.decode(Data(json.utf8), fileName: "apcv.json")
            doc.profile.name = "apcv-copie"
            let copy = String(decoding: doc.encoded(), as: UTF8.self)
            let (status, _, location) = try await Self.send(
                app, "/imports/profils", [("file", copy, "apcv-copie.json")])
            #expect(status == .seeOther && location == "/imports/profils?ok=apcv-copie")
            #expect(
                try await ImportProfileService.find("apcv-copie", on: app.sql)?.profile.columns == doc.profile.columns)
            let (bad, html, _) = try await Self.send(
                app, "/imports/profils", [("file", "{\"profile\": {\"name\": 3}}", "x.json")])
            #expect(bad == .unprocessableEntity && html.contains("x.json : profil illisible"))
        }
    }

    @Test(arguments: TestDB.all)
    func theImportPageAndTheAPIReadFilesThroughAProfile(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            let (status, html, _) = try await Self.send(
                app, "/imports",
                [
                    ("kind", "observations", nil), ("profile", "insi-secteurs", nil), ("periode", "2022-02", nil),
                    ("territoire", "R32", nil), ("file", Self.insi, "insi.tsv")
                ])
            #expect(status == .ok)
            #expect(html.contains("Lu avec le profil insi-secteurs v1."))
            #expect(html.contains("309\u{202F}104"))
            let action = try #require(
                html.range(of: "action=\"/imports/apercus/").map { String(html[$0.upperBound...].prefix(36)) })
            #expect(try await app.post("/imports/apercus/\(action)", form: []).status == .seeOther)
            #expect(try await app.count("observations") == 6)
            #expect(try await app.get("/imports").body.contains("profil insi-secteurs v1"))
            // the API: same file for March, the parameters as query fields
            let r = try await app.send(
                .POST, "/api/imports?profile=insi-secteurs&periode=2022-03&territoire=R32&file=insi.tsv",
                headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: Self.insi))
            #expect(r.status == .created)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
            #expect(json["created"] as? Int == 6 && json["profile"] as? String == "insi-secteurs v1")
            let (s, list) = try await app.getJSON("/api/profiles")
            #expect(
                s == .ok
                    && (list as? [[String: Any]])?.map { $0["name"] as? String } == [
                        "apcv-departements", "dmp-departements", "insi-secteurs", "mes-enrolement",
                        "mssante-chiffres-cles", "ordonnance-numerique-cumul", "ordonnance-numerique-mensuel"
                    ])
            let missing = try await app.send(
                .POST, "/api/imports?profile=insi-secteurs&territoire=R32", headers: ["Content-Type": "text/csv"],
                body: ByteBuffer(string: Self.insi))
            #expect(
                missing.status == .unprocessableEntity
                    && missing.body.string.contains("demande le paramètre « periode »"))
        }
    }
}

struct ImportProfileFormTests {
    /// Browsers send text areas with CRLF line ends: each line is still one rule.
    @Test func textAreasWithCRLFLineEndsKeepOneRulePerLine() throws {
        let form = ImportProfileEdit.Form(fields: [
            "name": "essai", "col_indicateur": "Secteur", "col_couloir": "Secteur", "col_valeur": "Appels",
            "const_territoire": "R32", "const_periode": "2022-03",
            "lookups": "indicateur : Etablissements sanitaires = O3-18\r\ncouloir : Etablissements sanitaires = ES\r\n",
            "filters": "Secteur : exclure : Total\r\nSecteur : exclure : Total général", "unpivot_columns": ""
        ])
        let p = try form.profile()
        #expect(
            p.lookups == [
                "indicateur": ["Etablissements sanitaires": "O3-18"], "couloir": ["Etablissements sanitaires": "ES"]
            ])
        #expect(p.filters.count == 2)
    }

    /// Every shipped profile, the INSi one with its composite keys, reads back the same through the editor.
    @Test func shippedProfilesReadBackUnchangedThroughTheEditorsFields() throws {
        for shipped in ImportProfileService.shippedDocuments.map(\.profile) {
            let form = ImportProfileEdit.Form(shipped)
            var fields: [String: String] = [
                "name": form.name, "description": form.description, "header_line": form.headerLine,
                "sheet": form.sheet, "unpivot_field": form.unpivotField, "unpivot_value_field": form.unpivotValueField,
                "unpivot_columns": form.unpivotColumns, "filters": form.filters, "lookups": form.lookups,
                "lookup_keys": form.lookupKeys
            ]
            for (field, column) in form.columns { fields["col_" + field] = column }
            for (field, constant) in form.constants { fields["const_" + field] = constant }
            for (field, question) in form.questions { fields["param_" + field] = question }
            var read = try ImportProfileEdit.Form(fields: fields).profile()
            read.version = shipped.version
            #expect(read == shipped, "\(shipped.name)")
        }
    }
}
