import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// RACI as the regions write it: a cell is an action × an organisation × an audience, holding any
/// combination of R, A, C, I; the matrix goes out as CSV and comes back all or nothing; the crossed view
/// lists every fiche by service, cible and type d'action.
@Suite struct FicheRACITests {
    static let fiche = "/feuille-de-route/fiches/DMP"

    /// The id of the fiche's first action, as its RACI form names it.
    static func firstAction(_ app: Application) async throws -> String {
        let page = try await app.get(fiche).body
        let start = try #require(page.range(of: "name=\"cell[")).upperBound
        return String(page[start...].prefix(36))
    }

    @Test(arguments: TestDB.all)
    func aCellHoldsSeveralRolesForAnOrganisationAndAnAudience(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap and the first action of the DMP fiche.
            try await app.createRoadmap()
            let action = try await Self.firstAction(app)
            #expect(UUID(uuidString: action) != nil)
            // Act: a row for the hospitals is added without JavaScript; "r / a" for the ARS for every audience,
            // "R/C/I" for the GRADeS with the hospitals.
            let withRow = try await app.get("\(Self.fiche)?cible_action=1&cible_public=ES").body
            #expect(withRow.contains("name=\"cell[\(action)|GRADES|ES]\""))
            #expect(withRow.contains("<option value=\"R/C/I\">R/C/I</option>"))
            let saved = try await app.post(
                Self.fiche,
                form: [("section", "raci"), ("cell[\(action)|ARS|]", "r / a"), ("cell[\(action)|GRADES|ES]", "R/C/I")])
            // Check: stored in the written order A, R, C, I, the ES row kept and selected again on the page.
            #expect(saved.status == .seeOther)
            let after = try await app.get(Self.fiche).body
            #expect(after.contains("<option value=\"A/R\" selected=\"selected\">A/R</option>"))
            #expect(after.contains("<option value=\"R/C/I\" selected=\"selected\">R/C/I</option>"))
            #expect(try await app.count("action_raci", where: "role = 'A/R' AND party = 'ARS' AND audience = ''") == 1)
            #expect(try await app.count("action_raci", where: "party = 'GRADES' AND audience = 'ES'") == 1)
            // Check: an unknown letter is named with its cell, an unknown audience refused, and nothing changes.
            let refused = try await app.post(
                Self.fiche, form: [("section", "raci"), ("cell[\(action)|ARS|ES]", "A/X")])
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "Rôle RACI invalide « X » dans « A/X » (Action 1 · ARS · Établissements de santé)"))
            let unknown = try await app.post(Self.fiche, form: [("section", "raci"), ("cell[\(action)|ARS|LUNE]", "A")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.contains("Cible inconnue « LUNE »"))
            #expect(try await app.count("action_raci") == 2)
        }
    }

    @Test(arguments: TestDB.all)
    func theMatrixGoesOutAsCSVAndComesBackAllOrNothing(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: two cells, exported.
            try await app.createRoadmap()
            let action = try await Self.firstAction(app)
            _ = try await app.post(
                Self.fiche,
                form: [("section", "raci"), ("cell[\(action)|ARS|]", "A"), ("cell[\(action)|AM|MDV]", "R/C")])
            let exported = try await app.get("\(Self.fiche)/raci.csv")
            #expect(exported.headers.contentType?.description.contains("text/csv") == true)
            let csv = exported.body.replacingOccurrences(of: "\u{FEFF}", with: "")
            let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first == "action;cible;ARS;AM;GRADES")
            #expect(lines.contains { $0.hasSuffix(";MDV;;R/C;") })
            func upload(_ content: String) async throws -> TestingHTTPResponse {
                try await app.send(
                    .POST, Self.fiche, headers: ["Content-Type": Multipart.contentType],
                    body: ByteBuffer(
                        string: Multipart.body(fields: [("section", "raci-csv")], file: "raci.csv", content: content)))
            }
            // Act: the same file back changes nothing; a faulty one is refused with its line and column.
            #expect(try await upload(csv).status == .seeOther)
            #expect(try await app.count("action_raci") == 2)
            let faulty = csv + "1;USAGERS;A;Q;\r\n"
            let refused = try await upload(faulty)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("raci.csv, ligne \(lines.count + 1), colonne AM : rôle « Q » inconnu"))
            #expect(try await app.count("action_raci") == 2)
            // Act: a file written by hand, with labels, replaces the matrix.
            let written = "action;cible;ARS;AM;GRADES\n1;Usagers;A/R;;C/I\n"
            #expect(try await upload(written).status == .seeOther)
            // Check: only the written cells remain.
            #expect(try await app.count("action_raci") == 2)
            #expect(
                try await app.count("action_raci", where: "audience = 'USAGERS' AND party = 'GRADES' AND role = 'C/I'")
                    == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func theCrossedViewListsServiceCibleAndTypeOfAction(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: a cell for the hospitals.
            try await app.createRoadmap()
            let action = try await Self.firstAction(app)
            _ = try await app.post(Self.fiche, form: [("section", "raci"), ("cell[\(action)|ARS|ES]", "A/R")])
            // Act
            let all = try await app.get("/feuille-de-route/raci").body
            let pharmacies = try await app.get("/feuille-de-route/raci?cible=PHARMA").body
            // Check: the line names the service, the cible and the action, with the ARS's roles.
            let row = try #require(
                all.components(separatedBy: "<tr").first { $0.contains("<td>Établissements de santé</td>") })
            #expect(row.contains(">DMP<") && row.contains(">A/R<"))
            #expect(pharmacies.contains("Aucune case RACI renseignée pour ce choix"))
        }
    }
}
