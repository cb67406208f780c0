import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// Profiles stored and versioned, and each shipped profile on a fixture shaped like its seed table.
@Suite(.serialized) struct ImportProfileServiceTests {
    static func importFile(
        _ app: Application, _ fixture: String, profile: String, settings: [String: String], dryRun: Bool = false
    ) async throws -> ImportReport {
        let data = try Fixtures.data(fixture)
        return try await app.db.sqlTransaction { db in
            try await ImportKind.observations.run(
                ImportFile(name: fixture, data: data, options: .init(profile: profile, settings: settings)),
                mode: dryRun ? .preview : .commit, on: db, actor: .system)
        }
    }

    @Test(arguments: TestDB.all)
    func insiCallsPerSectorBecomeOneObservationPerCouloir(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            // a monthly file needs its month and its région
            await #expect(
                throws: ServiceError.invalid(
                    "insi_secteurs_fevrier_2022.tsv : Le profil « insi-secteurs » demande le paramètre "
                        + "« periode » : mois couvert par le fichier (ex. 2022-02).")
            ) {
                _ = try await Self.importFile(
                    app, "insi_secteurs_fevrier_2022.tsv", profile: "insi-secteurs", settings: ["territoire": "R32"])
            }
            let preview = try await Self.importFile(
                app, "insi_secteurs_fevrier_2022.tsv", profile: "insi-secteurs",
                settings: ["periode": "2022-02", "territoire": "Hauts-de-France"], dryRun: true)
            // Each line gives its calls and its unique users (the seed's two INSi tables swap the ES and
            // libéraux calls; the fixture keeps the table "Nombre d'appels au service INSi sur le mois").
            #expect(preview.created == 6 && preview.rejected.isEmpty)
            #expect(
                preview.samples.map { "\($0.line) \($0.indicator) \($0.subject) \($0.couloir) \($0.after)" }
                    == [
                        "4 O3-18 R32 ES 309\u{202F}104", "4 INSI-UTILISATEURS R32 ES 106",
                        "5 O3-22 R32 MS 1\u{202F}785",
                        "5 INSI-UTILISATEURS R32 MS 12", "6 O3-20 R32 MDV 150\u{202F}334",
                        "6 INSI-UTILISATEURS R32 MDV 2\u{202F}365"
                    ])
            #expect(try await app.count("observations") == 0)
            let report = try await Self.importFile(
                app, "insi_secteurs_fevrier_2022.tsv", profile: "insi-secteurs",
                settings: ["periode": "2022-02", "territoire": "R32"])
            #expect(report.created == 6)
            #expect(report.profile == "insi-secteurs v1")
            struct B: Decodable { var profile: String? }
            #expect(
                try await app.sql.select().column("profile").from("import_batches").first(decoding: B.self)?.profile
                    == "insi-secteurs v1")
            struct O: Decodable {
                var value: Double
                var source: String
            }
            let es = try await app.sql.select().columns("value", "source").from("observations").where(
                "indicator_code", .equal, "O3-18"
            )
            .where("period", .equal, "2022-02").where("couloir", .equal, "ES").first(decoding: O.self)
            #expect(es?.value == 309_104 && es?.source == "GIE SESAM-Vitale")
            // the same file again changes nothing
            let again = try await Self.importFile(
                app, "insi_secteurs_fevrier_2022.tsv", profile: "insi-secteurs",
                settings: ["periode": "2022-02", "territoire": "R32"])
            #expect(again.changes == 0 && again.unchanged == 6 && again.batch == nil)
        }
    }

    @Test(arguments: TestDB.all)
    func apcvActivationsPerDepartementRollUpToTheRegionAsASumOfRatios(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            let report = try await Self.importFile(
                app, "apcv_hdf_avril_2025.csv", profile: "apcv-departements", settings: ["periode": "14/04/2025"])
            // The test geography holds Nord and Pas-de-Calais only: the other départements are named, not guessed.
            #expect(report.created == 2)
            #expect(report.rejected.map(\.line) == [3, 5, 7])
            #expect(report.rejected.first?.reason == "Territoire inconnu « Aisne ».")
            // the indicator the profile feeds was installed with it
            #expect(try await IndicatorQuery.find("APCV-ACTIV", on: app.sql)?.definition.rollup == .ratio)
            let region = try await app.progress("APCV-ACTIV", "R32", at: "2025-04-30")
            let value = try #require(region.progress.value)
            #expect(abs(value - (7_180.0 + 2_920.0) / (1_923_673.0 + 1_036_702.0)) < 1e-12)
        }
    }

    @Test(arguments: TestDB.all)
    func savingAChangedProfileAddsAVersionAndJSONRoundTrips(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { app in
            let shipped = try #require(try await ImportProfileService.find("insi-secteurs", on: app.sql))
            #expect(shipped.shipped && shipped.profile.version == 1)
            // export → import unchanged: no new version
            let exported = shipped.document.encoded()
            let doc = try ImportProfileDocument.decode(exported, fileName: "insi.json")
            #expect(
                try await app.db.sqlTransaction { db in try await ImportProfileService.save(doc, on: db, actor: .cli) }
                    == .unchanged(version: 1))
            var edited = doc
            edited.profile.constants["source"] = "GIE SESAM-Vitale (fichier mensuel)"
            let changed = edited
            #expect(
                try await app.db.sqlTransaction { db in
                    try await ImportProfileService.save(changed, on: db, actor: .cli)
                } == .created(version: 2))
            #expect(
                try await ImportProfileService.find("insi-secteurs", on: app.sql)?.profile.constants["source"]
                    == "GIE SESAM-Vitale (fichier mensuel)")
            #expect(
                try await ImportProfileService.find("insi-secteurs", version: 1, on: app.sql)?.profile.constants[
                    "source"] == "GIE SESAM-Vitale")
            #expect(try await ImportProfileService.versions("insi-secteurs", on: app.sql).count == 2)
            #expect(try await app.count("audit_events", where: "object_type = 'import_profile'") >= 3)
            // a broken definition is refused whole, with every problem named
            var wrong = doc
            wrong.profile.name = "Profil INSi"
            wrong.profile.columns["pays"] = "Pays"
            let broken = wrong
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in try await ImportProfileService.save(broken, on: db, actor: .cli)
                }
            }
            #expect(
                try await ImportProfileService.all(on: app.sql).map(\.profile.name) == [
                    "apcv-departements", "dmp-departements", "insi-secteurs", "mes-enrolement", "mssante-chiffres-cles",
                    "ordonnance-numerique-cumul", "ordonnance-numerique-mensuel"
                ])
            // an unknown profile is named with the known ones
            await #expect(
                throws: ServiceError.invalid(
                    "Profil d'import inconnu « insee » (profils : apcv-departements, dmp-departements, "
                        + "insi-secteurs, mes-enrolement, mssante-chiffres-cles, ordonnance-numerique-cumul, "
                        + "ordonnance-numerique-mensuel).",
                    field: "profil")
            ) {
                _ = try await Self.importFile(app, "insi_secteurs_fevrier_2022.tsv", profile: "insee", settings: [:])
            }
        }
    }

    @Test(arguments: TestDB.all)
    func aFileThatIsNotTheProfilesIsRefusedWithItsLine(db: TestDB) async throws {
        try await Seed.insiIndicators(db) { (app: Application) async throws -> Void in
            await #expect(
                throws: ServiceError.invalid(
                    "apcv_hdf_avril_2025.csv, ligne 3 : colonne « Nombre d'appels » absente : "
                        + "ce fichier ne correspond pas au profil « insi-secteurs »")
            ) {
                _ = try await Self.importFile(
                    app, "apcv_hdf_avril_2025.csv", profile: "insi-secteurs",
                    settings: ["periode": "2022-02", "territoire": "R32"])
            }
            #expect(try await app.count("observations") == 0)
        }
    }
}
