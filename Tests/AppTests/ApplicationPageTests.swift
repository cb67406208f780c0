import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// An application's page: its domains and the statuses they had, and the form that moves a status through the
/// service (checks, audit, the programme indicators following at once).
@Suite struct ApplicationPageTests {
    static func applicationPath(_ app: Application) async throws -> String {
        let row = try #require(
            try await app.sql.raw("SELECT id FROM applications WHERE reference = 'DS-1001'").first())
        return "/programmes/sun-es/candidatures/" + (try row.decode(column: "id", as: UUID.self).uuidString)
    }

    @Test(arguments: TestDB.all)
    func aPiloteMarksADomainValidatedAndTheRoadmapFollows(db: TestDB) async throws {
        try await ApplicationImportTests.withSUNES(db) { app in
            // Setup: window 1's dossiers; D2 of the CHU in instruction.
            try await app.createRoadmap()
            _ = try await ApplicationImportTests.importing(app, ApplicationImportTests.window1)
            let path = try await Self.applicationPath(app)
            let pilote = try await app.signIn(.pilote)
            let before = try await app.progress("O3-25", "R32", at: "2022-12-31").progress.value
            // Act
            let page = try await app.get(path, as: pilote)
            let validated = try await app.post(
                path,
                form: [
                    ("domain", "D2"), ("status", "valide"), ("status_on", "2022-02-20"), ("amount", "22 000 €"),
                    ("signature", ""), ("targets", ""), ("motive", "")
                ], as: pilote)
            // Check
            #expect(page.status == .ok)
            #expect(page.body.contains("Dossier DS-1001") && page.body.contains("Domaine 2 - Biologie médicale"))
            #expect(page.body.contains("Changer le statut du domaine"))
            #expect(validated.status == .seeOther)
            let after = try await app.get(path, as: pilote)
            #expect(after.body.contains("Statuts antérieurs") && after.body.contains("En instruction"))
            #expect(before == 0.39)
            #expect(try await app.progress("O3-25", "R32", at: "2022-12-31").progress.value == 0.5)
            #expect(try await app.progress("O3-24", "R32", at: "2022-12-31").progress.value == 1, "both in time")
            let audit = try await app.sql.raw(
                "SELECT summary FROM audit_events WHERE object_type = 'application'"
            ).first()
            #expect(try audit?.decode(column: "summary", as: String.self).contains("En instruction → Validé") == true)
        }
    }

    @Test(arguments: TestDB.all)
    func aBackwardStatusNeedsItsMotiveAndAReaderCannotWrite(db: TestDB) async throws {
        try await ApplicationImportTests.withSUNES(db) { app in
            _ = try await ApplicationImportTests.importing(app, ApplicationImportTests.window1)
            let path = try await Self.applicationPath(app)
            let pilote = try await app.signIn(.pilote)
            let back: [(String, String)] = [("domain", "D1"), ("status", "en-instruction"), ("status_on", "2022-03-01")]
            // Act
            let refused = try await app.post(path, form: back + [("motive", "")], as: pilote)
            let overEnvelope = try await app.post(
                path,
                form: [("domain", "D1"), ("status", "valide"), ("status_on", "2022-03-01"), ("amount", "300 000 €")],
                as: pilote)
            let lecteur = try await app.signIn(.lecteur)
            let forbidden = try await app.post(path, form: back + [("motive", "Erreur")], as: lecteur)
            let reading = try await app.get(path, as: lecteur)
            // Check: nothing changed.
            #expect(refused.status == .unprocessableEntity && refused.body.contains("donnez-en le motif."))
            #expect(
                overEnvelope.status == .unprocessableEntity && overEnvelope.body.contains("au-delà de l&#39;enveloppe"))
            #expect(forbidden.status == .forbidden)
            #expect(reading.status == .ok && !reading.body.contains("Enregistrer le statut"), "no form for a reader")
            #expect(try await app.count("application_domain_history") == 0)
            #expect(try await app.get("/programmes/sun-es/candidatures/\(UUID())", as: pilote).status == .notFound)
        }
    }
}
