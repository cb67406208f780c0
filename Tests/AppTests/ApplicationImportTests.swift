import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Applications to a funding programme through the one import pipeline: SUN-ES installed from its shipped
/// definition, the fixture's two hospitals applying, re-import changing nothing, undo, and every refusal
/// naming its line and field with nothing written.
@Suite struct ApplicationImportTests {
    /// SUN-ES with a 200 000 € envelope on domain 1; the CHU of Lille has a biology laboratory (flag BIO).
    static func withSUNES<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app in
            var template = try ProgrammeService.template("sun-es")
            template.domains[0].envelope = "200 000 €"
            let definition = template
            try await app.db.sqlTransaction { db in
                _ = try await ProgrammeService.save(definition, on: db, actor: .system)
                let chu = try #require(try await StructureQuery.find("590000001", on: db))
                try await db.insert(into: "structure_flags").columns("structure_id", "flag")
                    .values(SQLBind(chu.id), SQLBind("BIO")).run()
            }
            return try await body(app)
        }
    }

    static let header =
        "programme;fenetre;structure;grappe;domaine;statut;date_statut;montant;montant_signature;"
        + "montant_cibles;reference;motif\n"

    static func importing(_ app: Application, _ lines: String, mode: ImportPipeline.Mode = .commit) async throws
        -> ImportReport
    {
        try await app.db.sqlTransaction { db in
            try await ImportKind.applications.run(
                ImportFile(name: "candidatures.csv", data: Data((header + lines).utf8)), mode: mode, on: db,
                actor: .system)
        }
    }

    static let window1 = """
        sun-es;1;590000001;;D1;Validé;2022-02-15;78 000 €;23 400 €;54 600 €;DS-1001;
        sun-es;1;590000001;;D2;en instruction;2022-01-10;;;;DS-1001;
        sun-es;1;970100005;;D1;déposé;2021-10-20;;;;DS-1002;

        """

    @Test(arguments: TestDB.all)
    func applicationsAreImportedReimportedUnchangedAndUndone(db: TestDB) async throws {
        try await Self.withSUNES(db) { app in
            // Act: preview, commit, commit again.
            let preview = try await Self.importing(app, Self.window1, mode: .preview)
            let first = try await Self.importing(app, Self.window1)
            let again = try await Self.importing(app, Self.window1)
            // Check
            #expect(preview.created == 3 && preview.batch == nil)
            #expect(try await app.count("application_domains") == 3)
            #expect(try await app.count("applications") == 2, "one application per structure and window")
            #expect(first.created == 3 && first.batch != nil)
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 3)
            let amounts = try await app.sql.raw(
                "SELECT amount_cents, signature_cents, targets_cents FROM application_domains WHERE status = 'valide'"
            ).first()
            #expect(try amounts?.decode(column: "amount_cents", as: Int64.self) == 7_800_000)
            #expect(try amounts?.decode(column: "targets_cents", as: Int64.self) == 5_460_000)
            // The instruction ends: a validation replaces it, then the batch is undone.
            let validated = try await Self.importing(
                app, "sun-es;1;590000001;;D2;valide;2022-03-01;12 000 €;;;DS-1001;\n")
            #expect(validated.updated == 1)
            let batchID = try #require(validated.batch)
            let batch = try #require(try await ImportBatch.find(batchID.uuidString, on: app.sql))
            let undone = try await app.db.sqlTransaction { db in try await batch.undo(on: db, actor: .system) }
            #expect(undone.restored == 1)
            let status = try await app.sql.raw(
                """
                SELECT d.status FROM application_domains d JOIN programme_domains p ON p.id = d.domain_id
                WHERE p.code = 'D2'
                """
            ).first()?.decode(column: "status", as: String.self)
            #expect(status == "en-instruction")
        }
    }

    @Test(arguments: TestDB.all)
    func badLinesNameTheirLineAndFieldAndNothingIsWritten(db: TestDB) async throws {
        try await Self.withSUNES(db) { app in
            _ = try await Self.importing(app, Self.window1)
            let cases: [(String, String)] = [
                ("sun-es;1;590000002;;D1;déposé;2021-10-20;;;;;\n", "n'est pas éligible au domaine D1"),
                ("sun-es;1;970100005;;D2;déposé;2021-10-20;;;;;\n", "n'est pas éligible au domaine D2"),
                ("sun-es;1;999999999;;D1;déposé;2021-10-20;;;;;\n", "FINESS inconnu « 999999999 »"),
                ("sun-es;9;590000001;;D1;déposé;2021-10-20;;;;;\n", "Fenêtre « 9 » inconnue"),
                ("sun-es;1;590000001;;D1;peut-être;2021-10-20;;;;;\n", "Statut inconnu « peut-être »"),
                ("sun-es;1;590000001;;D1;en instruction;2022-03-01;;;;;\n", "donnez-en le motif"),
                ("sun-es;1;970100005;;D1;validé;2022-02-15;150 000 €;;;;\n", "au-delà de l'enveloppe du domaine D1"),
                ("sun-es;1;970100005;;D1;validé;2022-02-15;cher;;;;\n", "Montant illisible « cher »")
            ]
            for (line, message) in cases {
                do {
                    _ = try await Self.importing(app, "sun-es;2;970100005;;V2;déposé;2022-04-01;;;;;\n" + line)
                    Issue.record("accepté : \(line)")
                } catch let error as ServiceError {
                    #expect(error.message.contains(message), "\(error.message)")
                    #expect(error.message.contains("ligne 3"), "\(error.message)")
                }
            }
            // All or nothing: the good line of each file was not written either.
            #expect(try await app.count("application_domains") == 3)
        }
    }

    @Test(arguments: TestDB.all)
    func aWindowsDatesMoveWithTheirReasonAndKeepTheirHistory(db: TestDB) async throws {
        try await Self.withSUNES(db) { app in
            let pilote = try await app.signIn(.pilote)
            let move: [(String, String)] = [
                ("section", "window"), ("number", "2"), ("version", "1"), ("opens_on", "2022-03-01"),
                ("closes_on", "2022-05-15"), ("instruction_ends_on", "2022-08-31"), ("targets_due_on", "2023-03-31"),
                ("payment_due_on", "2023-06-30")
            ]
            // Act: without a reason, then with one, then again with the stale version.
            let refused = try await app.post("/programmes/sun-es", form: move + [("reason", "")], as: pilote)
            let moved = try await app.post(
                "/programmes/sun-es", form: move + [("reason", "Report national de la clôture")], as: pilote)
            let stale = try await app.post(
                "/programmes/sun-es", form: move + [("reason", "Encore")], as: pilote)
            // Check
            #expect(
                refused.status == .unprocessableEntity && refused.body.contains("Dites pourquoi les dates changent"))
            #expect(moved.status == .seeOther)
            #expect(stale.status == .conflict)
            let page = try await app.get("/programmes/sun-es", as: pilote)
            #expect(page.body.contains("Fenêtre 2 (dates modifiées)") && page.body.contains("15 mai 2022"))
            #expect(page.body.contains("Report national de la clôture") && page.body.contains("30 avril 2022"))
            let lecteur = try await app.signIn(.lecteur)
            #expect(try await app.post("/programmes/sun-es", form: move, as: lecteur).status == .forbidden)
        }
    }
}
