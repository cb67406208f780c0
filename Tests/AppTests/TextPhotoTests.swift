import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// Qualitative values as the seeds print them ("En cours > phase de cadrage"), the pilote's status, and
/// the comment given with a value: stored, shown in the steering table, the fiche and the photo, exported
/// and read back, restored by an undo.
@Suite struct TextPhotoTests {
    @Test(arguments: TestDB.all)
    func aTextPhotoAndItsCommentReachTheSteeringTableTheFicheThePhotoAndTheExport(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap; O2-17 is qualitative, O1-01 yes/no with a target "Oui".
            try await app.createRoadmap()
            // Act: a text photo with the pilote's status and a comment; a yes/no written as text.
            let report = try await app.observe([
                .init(
                    indicator: "O2-17", territory: "R32", period: "2022-05", value: "En cours > phase de cadrage",
                    comment: "Réseau en constitution", status: "en cours"),
                .init(indicator: "O1-01", territory: "R32", period: "2022-05", value: "Oui > Département du Nord")
            ])
            // Check: stored as written, the yes read as 1.
            #expect(report.rejected.isEmpty)
            #expect(
                try await app.count(
                    "observations",
                    where:
                        "text_value = \(bind: "En cours > phase de cadrage") AND assessed_status = \(bind: "en_cours")")
                    == 1)
            #expect(try await app.count("observations", where: "indicator_code = 'O1-01' AND value = 1") == 1)
            // Check: the steering table shows the text, the pilote's status and the comment; the yes/no
            // meets its target.
            let table = try await app.get("/feuille-de-route?date=2022-06-30&territoire=R32").body
            let textRow = try #require(Self.row(of: "O2-17", in: table))
            #expect(textRow.contains("En cours &gt; phase de cadrage"))
            #expect(textRow.contains("Réseau en constitution"))
            #expect(textRow.contains(">En cours</"))
            let yesRow = try #require(Self.row(of: "O1-01", in: table))
            #expect(yesRow.contains("Oui &gt; Département du Nord") && yesRow.contains(">Atteint</"))
            // Check: the fiche's "photo à date".
            let fiche = try #require(
                try await app.sql.raw(
                    """
                    SELECT f.code FROM fiches f JOIN fiche_indicators fi ON fi.fiche_id = f.id
                    WHERE fi.indicator_code = 'O2-17'
                    """
                ).first(decoding: FicheCodeRow.self))
            let fichePage = try await app.get("/feuille-de-route/fiches/\(fiche.code)?date=2022-06-30&territoire=R32")
            #expect(fichePage.body.contains("En cours &gt; phase de cadrage (31 mai 2022) — Réseau en constitution"))
            // Check: a validated photo freezes the text and the comment.
            let photo = try await app.db.sqlTransaction { db in
                try await SnapshotService.validate(
                    name: "Comité du 30 juin 2022", at: Day(2022, 6, 30), territory: "R32", couloir: nil, on: db,
                    actor: .system)
            }
            let frozen = try #require(try await SnapshotService.find(photo, on: app.sql))
            let frozenRow = try #require(frozen.rows.first { $0.code == "O2-17" })
            #expect(frozenRow.value == "En cours > phase de cadrage" && frozenRow.comment == "Réseau en constitution")
            #expect(frozenRow.status == "en_cours")
            // Check: the export carries the text and the status, and reads back as no change.
            let export = try await app.get("/exports/observations.csv?indicateur=O2-17").body
            #expect(
                export.contains(";En cours > phase de cadrage;") && export.contains(";Réseau en constitution;en_cours;")
            )
            let again = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(
                    ImportFile(name: "observations.csv", data: Data(export.utf8)), mode: .commit, on: db, actor: .system
                )
            }
            #expect(again.changes == 0 && again.unchanged == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func aStatusIsOnlyForQualitativeValuesAndMustBeKnown(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            try await app.createRoadmap()
            let count = try #require(
                try await IndicatorQuery.all(on: app.sql).first {
                    $0.definition.kind == .count && $0.definition.formula == nil && $0.definition.computed == nil
                })
            // Act + check: a status on a count, an unknown status, a text for a count — each refused in French.
            await #expect(throws: ServiceError.self) {
                _ = try await app.observe([
                    .init(indicator: count.code, territory: "R32", period: "2022-05", value: "3", status: "atteint")
                ])
            }
            let unknown = await #expect(throws: ServiceError.self) {
                _ = try await app.observe([
                    .init(indicator: "O2-17", territory: "R32", period: "2022-05", value: "En place", status: "fini")
                ])
            }
            #expect(unknown?.message.contains("Statut inconnu « fini »") == true)
            let text = await #expect(throws: ServiceError.self) {
                _ = try await app.observe([
                    .init(indicator: count.code, territory: "R32", period: "2022-05", value: "beaucoup")
                ])
            }
            #expect(text?.message.contains("Valeur illisible « beaucoup »") == true)
            #expect(try await app.count("observations") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func undoingAnImportPutsTheReplacedTextPhotoBack(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            try await app.createRoadmap()
            func importText(_ text: String, status: String) async throws -> UUID? {
                let csv = "indicateur;territoire;periode;valeur;statut\nO2-17;R32;2022-05;\(text);\(status)\n"
                return try await app.db.sqlTransaction { db in
                    try await ImportKind.observations.run(
                        ImportFile(name: "photo.csv", data: Data(csv.utf8)), mode: .commit, on: db, actor: .system)
                }.batch
            }
            // Setup: a first photo, then a second replacing it.
            _ = try await importText("En cours > phase de cadrage", status: "en cours")
            let second = try #require(try await importText("Rédigée et partagée", status: "atteint"))
            #expect(try await app.count("observations", where: "text_value = \(bind: "Rédigée et partagée")") == 1)
            // Act: undo the second.
            let batch = try #require(try await ImportBatch.find(String(second.uuidString.prefix(8)), on: app.sql))
            _ = try await app.db.sqlTransaction { db in try await batch.undo(on: db, actor: .system) }
            // Check: the first photo and its status are back.
            #expect(
                try await app.count(
                    "observations",
                    where:
                        "text_value = \(bind: "En cours > phase de cadrage") AND assessed_status = \(bind: "en_cours")")
                    == 1)
        }
    }

    struct FicheCodeRow: Decodable { var code: String }

    /// The `<tr>` of the steering table holding this indicator's code.
    static func row(of code: String, in html: String) -> String? {
        html.components(separatedBy: "<tr").first { $0.contains("<code>\(code)</code>") }
    }
}
