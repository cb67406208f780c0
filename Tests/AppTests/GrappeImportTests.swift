import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// ESMS numérique's grappes: declared from a file (one line per member, one porteur), then applying as one
/// applicant whose every member counts in the programme's indicators and lists the application on its page.
@Suite struct GrappeImportTests {
    /// Three fictitious EHPAD in Lille (category 500, couloir MS-PA).
    static func ehpads() -> Data {
        var lines = ["finess;etalab;111;2026-05-12"]
        for number in 1...3 {
            lines.append(
                [
                    "structureet", et(number), "5930\(String(format: "%05d", number))", "EHPAD FICTIF \(number)",
                    "EHPAD FICTIF \(number)", "", "", "1", "RUE", "DES LILAS", "", "", "350", "59", "", "59000 LILLE",
                    "", "", "500", "Etablissement d'hébergement pour personnes âgées dépendantes", "4401", "EHPAD", "",
                    "", "03", "ARS", "1", "", "2000-01-01", "2000-01-01", "2024-01-01", ""
                ].joined(separator: ";"))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func et(_ number: Int) -> String { String(format: "5940%05d", number) }

    static func withESMS<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app in
            _ = try await app.importFiness(Self.ehpads(), name: "ehpad.csv")
            let definition = try ProgrammeService.template("esms-numerique")
            try await app.db.sqlTransaction { db in
                _ = try await ProgrammeService.save(definition, on: db, actor: .system)
            }
            return try await body(app)
        }
    }

    static func importing(_ app: Application, _ kind: ImportKind, _ text: String) async throws -> ImportReport {
        try await app.db.sqlTransaction { db in
            try await kind.run(
                ImportFile(name: "\(kind.rawValue).csv", data: Data(text.utf8)), mode: .commit, on: db, actor: .system)
        }
    }

    static let grappes = """
        programme;grappe;nom;structure;porteur
        esms-numerique;G1;Grappe des Lilas;\(et(1));oui
        esms-numerique;G1;;\(et(2));
        esms-numerique;G1;;\(et(3));non

        """

    @Test(arguments: TestDB.all)
    func aGrappeAppliesAndEachMemberCounts(db: TestDB) async throws {
        try await Self.withESMS(db) { app in
            // Setup
            try await app.createRoadmap()
            let eligible = try await app.reach(.msPA, "R32", since: nil, at: "2022-12-31").open
            // Act
            let first = try await Self.importing(app, .grappes, Self.grappes)
            let again = try await Self.importing(app, .grappes, Self.grappes)
            let filed = try await Self.importing(
                app, .applications,
                ApplicationImportTests.header + "esms-numerique;3;;G1;DUI;déposé;2022-05-10;;;;DS-2001;\n")
            // Check
            #expect(first.created == 3 && again.unchanged == 3 && again.created == 0)
            #expect(filed.created == 1)
            let stored = try #require(try await app.sql.raw("SELECT structure_id, grappe_id FROM applications").first())
            #expect(try stored.decodeNil(column: "structure_id") && !stored.decodeNil(column: "grappe_id"))
            let share = try await app.progress("O3-29", "R32", at: "2022-12-31")
            #expect(share.series.points.last?.numerator == 3, "each member of the grappe counts")
            #expect(share.series.points.last?.denominator == Double(eligible))
            let pilote = try await app.signIn(.pilote)
            let member = try await app.get("/structures/\(Self.et(2))", as: pilote)
            #expect(member.body.contains("DS-2001"), "a member's page lists its grappe's application")
            let list = try await app.get("/programmes/esms-numerique/candidatures", as: pilote)
            #expect(list.body.contains("Grappe Grappe des Lilas"))
            let application = try #require(try await app.sql.raw("SELECT id FROM applications").first())
            let page = try await app.get(
                "/programmes/esms-numerique/candidatures/"
                    + (try application.decode(column: "id", as: UUID.self).uuidString), as: pilote)
            #expect(
                page.body.contains("Structures de la grappe (3)") && page.body.contains("EHPAD FICTIF 1</a> (porteur)"))
            // A member leaves: the file lists two.
            let smaller = try await Self.importing(
                app, .grappes,
                Self.grappes.components(separatedBy: "\n").filter { !$0.contains(Self.et(3)) }
                    .joined(separator: "\n"))
            #expect(smaller.deleted == 1)
            #expect(try await app.progress("O3-29", "R32", at: "2022-12-31").series.points.last?.numerator == 2)
        }
    }

    @Test(arguments: TestDB.all)
    func badGrappesAreRefusedWithTheirLineAndNothingIsWritten(db: TestDB) async throws {
        try await Self.withESMS(db) { app in
            func refusal(_ kind: ImportKind, _ text: String) async throws -> String {
                do {
                    _ = try await Self.importing(app, kind, text)
                    return ""
                } catch let error as ServiceError { return error.message }
            }
            let header = "programme;grappe;nom;structure;porteur\n"
            // Act
            let twoPorteurs = try await refusal(
                .grappes, header + "esms-numerique;G1;;\(Self.et(1));oui\nesms-numerique;G1;;\(Self.et(2));oui\n")
            let noPorteur = try await refusal(.grappes, header + "esms-numerique;G2;;\(Self.et(1));\n")
            let unknown = try await refusal(.grappes, header + "esms-numerique;G3;;999999999;oui\n")
            // The CHU of Lille (ES) in a grappe applying to the médico-social DUI.
            _ = try await Self.importing(
                app, .grappes, header + "esms-numerique;G4;;\(Self.et(1));oui\nesms-numerique;G4;;590000001;\n")
            let notEligible = try await refusal(
                .applications, ApplicationImportTests.header + "esms-numerique;3;;G4;DUI;déposé;2022-05-10;;;;;\n")
            let unknownGrappe = try await refusal(
                .applications, ApplicationImportTests.header + "esms-numerique;3;;G9;DUI;déposé;2022-05-10;;;;;\n")
            // Check
            #expect(twoPorteurs.contains("lignes 2 et 3") && twoPorteurs.contains("un seul porteur par grappe"))
            #expect(noPorteur.contains("n'a pas de porteur"))
            #expect(unknown.contains("ligne 2") && unknown.contains("FINESS inconnu"))
            #expect(
                notEligible.contains("de la grappe G4") && notEligible.contains("n'est pas éligible au domaine DUI"))
            #expect(unknownGrappe.contains("Grappe inconnue « G9 »"))
            #expect(try await app.count("applications") == 0)
            #expect(try await app.count("grappes") == 1, "only G4, imported on purpose")
        }
    }
}
