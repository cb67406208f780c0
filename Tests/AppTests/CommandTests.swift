import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// The command line run in-process on the test database (`scripts/cli-test.sh` runs the real binary
/// as well): what an operator types, what Jalon answers.
@Suite(.serialized) struct CommandTests {
    @Test(arguments: TestDB.all)
    func importsPreviewCommitListAndUndoFromTheCommandLine(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // setup
            let file = try app.temporaryFile(
                "dmp.csv", "indicateur;territoire;periode;valeur\nDMP-ALIM;D59;2021-12;5 %\nDMP-ALIM;D99;2021-12;6 %\n")
            // act: preview, then commit
            let preview = await app.run(["import", "observations", file, "--dry-run"])
            let commit = await app.run(["import", "observations", file])
            let list = await app.run(["import", "list"])
            // check
            #expect(preview.failure == nil)
            #expect(preview.output.contains("Aperçu (rien n'est écrit)"))
            #expect(preview.output.contains("1 créées, 0 modifiées, 0 inchangées, 1 rejetées"))
            #expect(preview.output.contains("ligne 3, champ territoire : Territoire inconnu « D99 »"))
            #expect(commit.output.contains("annulable par « jalon import undo"), "\(commit.output)")
            let batch = try #require(try await ImportBatch.all(on: app.sql).first)
            #expect(list.output.contains(batch.shortID) && list.output.contains("dmp.csv"))
            // act: undo, twice
            let undo = await app.run(["import", "undo", batch.shortID])
            let again = await app.run(["import", "undo", batch.shortID])
            // check
            #expect(undo.output.contains("annulé : 0 valeurs rétablies, 1 supprimées"), "\(undo.output)")
            #expect(again.failure != nil && again.output.contains("déjà annulé"))
            #expect(try await app.count("observations") == 0)
            let unknown = await app.run(["import", "undo", "zzzzzzzz"])
            #expect(unknown.failure != nil)
        }
    }

    @Test(arguments: TestDB.all)
    func everyKindOfTheCommandLineGoesThroughThePipeline(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // setup
            let targets = try app.temporaryFile(
                "cibles.csv", "indicateur;territoire;couloir;echeance;cible\nDMP-ALIM;D59;;fin 2022;9 %\n")
            let codes = try app.temporaryFile(
                "codes.csv", "type;code_jalon;code_externe\nindicateur;DMP-ALIM;dmpAlimRate\n")
            let organisations = try app.temporaryFile(
                "orgs.csv", "code;nom;type;territoires\nCPAM59;CPAM du Nord;cpam;D59\n")
            let contacts = try app.temporaryFile(
                "contacts.csv",
                "prenom;nom;organisation;email\nCamille;Exemple;CPAM59;camille.exemple@example.invalid\n")
            let journal = try app.temporaryFile(
                "journal.csv",
                "date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs\n"
                    + "2022-03-01;visite;Visite MSSanté;MSS;ES;D59;;3;ARS\n")
            // act
            let targetRun = await app.run(["import", "targets", targets])
            let codeRun = await app.run(["import", "codes", codes])
            let organisationRun = await app.run(["import", "organisations", organisations])
            let contactRun = await app.run(["import", "contacts", contacts])
            let journalRun = await app.run(["import", "activities", journal, "--dry-run"])
            // check
            #expect(targetRun.output.contains("1 créées, 0 modifiées"), "\(targetRun.output)")
            #expect(codeRun.output.contains("1 correspondances de codes enregistrées"), "\(codeRun.output)")
            #expect(organisationRun.output.contains("1 organisations lues — 1 créées"), "\(organisationRun.output)")
            #expect(contactRun.output.contains("1 contacts lus") || contactRun.output.contains("1 créées"))
            #expect(journalRun.output.contains("1 activités lues — 1 créées"), "\(journalRun.output)")
            #expect(try await app.count("activities") == 0)
            #expect(try await app.count("contacts") == 1)
            // act: a profile on a kind that takes none, a missing file
            let wrong = await app.run(["import", "targets", targets, "--profile", "insi-secteurs"])
            let missing = await app.run(["import", "observations", "/nulle/part.csv"])
            // check
            #expect(wrong.output.contains("Les profils d'import s'appliquent aux observations"))
            #expect(missing.failure != nil && missing.output.contains("fichier introuvable"))
        }
    }

    @Test(arguments: TestDB.all)
    func profilesIndicatorsProgressAndExports(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app async throws in
            // setup
            _ = try await app.observe([.init(indicator: "DMP-ALIM", territory: "D59", period: "2021-12", value: "5 %")])
            let indicators = try app.temporaryFile(
                "ind.csv",
                "code;libelle;service;couloir;source;type;nature;regle;sens;format;formule\n"
                    + "MSS-BAL;Boîtes aux lettres MSSanté;MSS;ES;ANS;count;stock;sum;hausse;;\n")
            let exportPath = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).csv").path
            // act
            let profiles = await app.run(["profile", "list"])
            let exported = await app.run(["profile", "export", "insi-secteurs"])
            let indicatorRun = await app.run(["import", "indicators", indicators])
            let progress = await app.run(
                ["progress", "--indicator", "DMP-ALIM", "--territory", "D59", "--at", "2022-01-31", "--json"])
            let export = await app.run(["export", "observations", "--indicator", "DMP-ALIM", "--output", exportPath])
            // check
            #expect(profiles.output.contains("insi-secteurs") && profiles.output.contains("apcv-departements"))
            // (the document goes to standard output as raw bytes, for a pipe: not to the console)
            #expect(exported.failure == nil, "\(exported.output)")
            #expect(
                indicatorRun.output.contains("1 indicateur(s) lu(s) dans ind.csv : 1 créé(s)"), "\(indicatorRun.output)"
            )
            #expect(progress.output.contains("\"value\""), "\(progress.output)")
            #expect(export.output.contains("écrit"))
            let csv = try String(contentsOfFile: exportPath, encoding: .utf8)
            #expect(csv.contains(";D59;") && csv.contains("DMP-ALIM"))
            // act: the exported profile imported back is unchanged
            let document = try #require(try await ImportProfileService.find("insi-secteurs", on: app.sql)).document
            let profileFile = try app.temporaryFile("insi.json", String(decoding: document.encoded(), as: UTF8.self))
            let reimported = await app.run(["profile", "import", profileFile])
            #expect(reimported.output.contains("inchangé"), "\(reimported.output)")
        }
    }

    @Test(arguments: TestDB.all)
    func accountsAndTokensFromTheCommandLine(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // act: an account whose password is typed twice, then listed, deactivated, given a token
            let password = "une phrase de passe assez longue"
            let created = await app.run(
                [
                    "user", "create", "camille.exemple@example.invalid", "--role", "animateur", "--territories", "D59",
                    "--name", "Camille Exemple"
                ],
                answers: [password, password])
            let mismatch = await app.run(
                ["user", "create", "dominique.essai@example.invalid"], answers: [password, "autre chose"])
            let token = await app.run(
                ["token", "create", "--user", "camille.exemple@example.invalid", "--name", "nuit"])
            let tokens = await app.run(["token", "list"])
            let deactivated = await app.run(["user", "deactivate", "camille.exemple@example.invalid"])
            let users = await app.run(["user", "list"])
            // check
            #expect(created.failure == nil, "\(created.output)")
            #expect(mismatch.failure != nil && mismatch.output.contains("Les deux saisies diffèrent"))
            #expect(token.failure == nil, "\(token.output)")
            #expect(tokens.output.contains("nuit"))
            #expect(deactivated.failure == nil)
            #expect(users.output.contains("camille.exemple@example.invalid"))
            #expect(try await app.count("users", where: "active = \(bind: false)") == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func territoriesFromTheCommandLine(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // act
            let defined = await app.run(
                [
                    "territory", "define", "TAN-ESSAI", "--name", "TAN d'essai", "--parent", "R32", "--members",
                    "C59350,C59183"
                ])
            let listed = await app.run(["territory", "list"])
            let wrong = await app.run(["territory", "define", "TAN-FAUX", "--name", "Faux", "--members", "C00000"])
            // check
            #expect(defined.failure == nil, "\(defined.output)")
            #expect(listed.output.contains("TAN-ESSAI"))
            #expect(wrong.failure != nil)
        }
    }
}
