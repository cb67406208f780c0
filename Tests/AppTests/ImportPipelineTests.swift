import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// The rules every import shares, whatever the kind and the way in: a key held by two lines refuses
/// the input, undo drops only what the batch fed, shipped data comes from `jalon migrate`, staging
/// an upload is an audited write, and the import page asks every parameter a profile declares.
@Suite(.serialized) struct ImportPipelineTests {
    static let repeated = """
        indicateur;territoire;periode;valeur
        DMP-ALIM;D59;2021-12;5 %
        DMP-ALIM;D62;2021-12;6 %
        DMP-ALIM;Nord;déc. 2021;7 %

        """

    @Test(arguments: TestDB.all)
    func aKeyRepeatedInAFileRefusesTheFileNamingBothLines(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // act: the same observation written twice (D59 and Nord, 2021-12 and déc. 2021)
            let refusal = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await ImportKind.observations.run(
                        ImportFile(name: "doublon.csv", data: Data(Self.repeated.utf8)), mode: .preview, on: db,
                        actor: .system)
                }
            }
            // check
            #expect(refusal?.message.hasPrefix("doublon.csv, lignes 2 et 4 : même indicateur") == true)
            #expect(refusal?.field == "periode")
            #expect(try await app.count("observations") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func aKeyRepeatedInAnAPIBatchOrATargetBatchIsRefusedAlike(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // act: observations through the API, the second and third lines being the same value
            let observations = try await app.send(
                .POST, "/api/observations", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: """
                        {"observations": [
                          {"indicator": "DMP-ALIM", "territory": "D62", "period": "2021-12", "value": "6 %"},
                          {"indicator": "DMP-ALIM", "territory": "D59", "period": "2021-12", "value": "5 %"},
                          {"indicator": "DMP-ALIM", "territory": "D59", "period": "2021-12", "value": "7 %"}
                        ]}
                        """))
            // check: refused whole, both lines named, nothing written (before: the last one silently won)
            #expect(observations.status == .unprocessableEntity)
            #expect(
                observations.body.string.contains("Lignes 2 et 3 : même indicateur"), "\(observations.body.string)")
            #expect(try await app.count("observations") == 0)
            // act: targets through the API
            let targets = try await app.send(
                .POST, "/api/targets", headers: ["Content-Type": "application/json"],
                body: ByteBuffer(
                    string: """
                        [{"indicator": "DMP-ALIM", "territory": "D59", "due": "fin 2022", "target": "9 %"},
                         {"indicator": "DMP-ALIM", "territory": "D59", "due": "2022-12-31", "target": "10 %"}]
                        """))
            #expect(targets.status == .unprocessableEntity)
            #expect(
                targets.body.string.contains(
                    "Lignes 1 et 2 : même indicateur, territoire, couloir, échéance et feuille de route"))
            #expect(try await app.count("targets") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func theEntryFormGoesThroughTheSameChecks(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // act: one value typed in the form, then the same with an unreadable period
            let saved = try await app.post(
                "/saisie",
                form: [
                    ("kind", "observation"), ("indicator", "DMP-ALIM"), ("territory", "D59"), ("period", "2021-12"),
                    ("value", "5 %")
                ])
            let refused = try await app.post(
                "/saisie",
                form: [
                    ("kind", "observation"), ("indicator", "DMP-ALIM"), ("territory", "D59"), ("period", "2021-13"),
                    ("value", "5 %")
                ])
            // check: a single line's message has no line number, as before
            #expect(saved.status == .seeOther)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Période illisible « 2021-13 »"))
            #expect(!refused.body.contains("Ligne 1"))
            #expect(try await app.count("observations") == 1)
        }
    }

    /// D59 is in the Hauts-de-France (R32), Paris (D75) in the Île-de-France (R11).
    @Test(arguments: TestDB.all)
    func undoDropsOnlyTheSeriesTheBatchFed(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // setup: values in both régions, both dashboards cached
            _ = try await app.observe([
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2021-12", value: "5 %"),
                .init(indicator: "DMP-ALIM", territory: "D75", period: "2021-12", value: "8 %")
            ])
            let before = try await app.progress("DMP-ALIM", "R32", at: "2022-01-31")
            let file = ImportFile(
                name: "nord.csv", data: Data("indicateur;territoire;periode;valeur\nDMP-ALIM;D59;2022-01;6 %\n".utf8))
            let report = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(file, mode: .commit, on: db, actor: .system)
            }
            let batchID = try #require(report.batch)
            let batch = try #require(try await ImportBatch.find(batchID.uuidString, on: app.sql))
            _ = try await app.progress("DMP-ALIM", "R32", at: "2022-01-31")
            _ = try await app.progress("DMP-ALIM", "R11", at: "2022-01-31")
            #expect(try await app.count("rollup_cache", where: "territory_code = 'R11'") == 1)
            #expect(try await app.count("rollup_cache", where: "territory_code = 'R32'") == 1)
            // act
            let undone = try await app.db.sqlTransaction { db in try await batch.undo(on: db, actor: .system) }
            // check: the Nord's région recomputes, to what it was; the other région keeps its cached series
            #expect(undone.deleted == 1)
            #expect(try await app.count("rollup_cache", where: "territory_code = 'R32'") == 0)
            #expect(try await app.count("rollup_cache", where: "territory_code = 'R11'") == 1)
            let after = try await app.progress("DMP-ALIM", "R32", at: "2022-01-31")
            #expect(after.series.points == before.series.points)
        }
    }

    @Test(arguments: TestDB.all)
    func shippedDataIsThereAfterMigrateAndReadsWriteNothing(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // check: migrate installed the shipped profiles, categories and referentials
            let shippedProfiles = ImportProfileService.shippedDocuments.count
            #expect(shippedProfiles > 0)
            #expect(try await app.count("import_profiles", where: "shipped = \(bind: true)") == shippedProfiles)
            struct CodeRow: Decodable { var code: String }
            let categories = try await app.sql.select().column("code").from("categories").all(decoding: CodeRow.self)
            #expect(Set(CategoryService.defaults.map(\.code)).isSubset(of: Set(categories.map(\.code))))
            #expect(try await app.count("services") == ReferentialService.services.count)
            // act: installing again (a second `jalon migrate` of a version shipping the same data)
            try await InstallShippedData().prepare(on: app.db)
            #expect(try await app.count("import_profiles") == shippedProfiles)
            // act: open the pages that used to install them on first read (signed in first: creating
            // the test account is itself audited)
            _ = try await app.signIn()
            let before = try await app.count("audit_events")
            for path in ["/imports", "/imports/profils", "/referentiels", "/referentiels/categories", "/api/profiles"] {
                #expect(try await app.get(path).status == .ok, "\(path)")
            }
            // check: no read wrote anything
            #expect(try await app.count("audit_events") == before)
            #expect(try await app.count("import_profiles") == shippedProfiles)
        }
    }

    @Test(arguments: TestDB.all)
    func stagingAnUploadIsAnAuditedWriteAndTheFormAsksEveryParameter(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // check: the page asks the parameters of every shipped profile, then of the one chosen
            let page = try await app.get("/imports").body
            #expect(page.contains("name=\"periode\"") && page.contains("name=\"territoire\""))
            let insi = try await app.get("/imports?profil=insi-secteurs").body
            let questions = try #require(
                try await ImportProfileService.find("insi-secteurs", on: app.sql)?.profile.parameters)
            for question in questions.values { #expect(insi.contains(HTMLEscape.text(question)), "\(question)") }
            // act: upload through a profile, its parameters as the form sends them
            let boundary = "----jalonprofil"
            let fixture = String(decoding: try Fixtures.data("insi_secteurs_fevrier_2022.tsv"), as: UTF8.self)
            var body = ""
            for (name, value) in [
                ("kind", "observations"), ("profile", "insi-secteurs"), ("periode", "2022-02"),
                ("territoire", "Hauts-de-France")
            ] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"insi.tsv\"\r\n"
                + "Content-Type: text/tab-separated-values\r\n\r\n\(fixture)\r\n--\(boundary)--\r\n"
            let preview = try await app.send(
                .POST, "/imports", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: body))
            // check: previewed with the answers, and the staging is in the trail
            #expect(preview.status == .ok)
            #expect(
                preview.body.string.contains("Lu avec le profil insi-secteurs"), "\(preview.body.string.prefix(400))")
            #expect(try await app.count("import_uploads") == 1)
            #expect(
                try await app.count("audit_events", where: "object_type = 'import_upload' AND action = 'stage'") == 1)
            #expect(try await app.count("observations") == 0)
        }
    }
}
