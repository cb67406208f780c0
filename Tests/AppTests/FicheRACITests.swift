import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite struct FicheRACITests {
    @Test(arguments: TestDB.all)
    func aCellHoldsSeveralRolesAsTheRegionsWriteThem(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap and the first action of the DMP fiche.
            try await app.createRoadmap()
            let fiche = "/feuille-de-route/fiches/DMP"
            let page = try await app.get(fiche).body
            let start = try #require(page.range(of: "name=\"cell[")).upperBound
            let action = String(page[start...].prefix(36))
            #expect(UUID(uuidString: action) != nil)
            #expect(page.contains("<option value=\"R/C/I\">R/C/I</option>"))
            // Act: "r / a" for the ARS, "R/C/I" for the hospitals.
            let saved = try await app.post(
                fiche,
                form: [
                    ("section", "raci"), ("cell[\(action)|organisation|ARS]", "r / a"),
                    ("cell[\(action)|audience|ES]", "R/C/I")
                ])
            // Check: stored in the written order A, R, C, I and selected again on the page.
            #expect(saved.status == .seeOther)
            let after = try await app.get(fiche).body
            #expect(after.contains("<option value=\"A/R\" selected=\"selected\">A/R</option>"))
            #expect(after.contains("<option value=\"R/C/I\" selected=\"selected\">R/C/I</option>"))
            #expect(try await app.count("action_raci", where: "role = 'A/R' AND party = 'ARS'") == 1)
            // An unknown letter is named with its cell, and nothing changes.
            let refused = try await app.post(
                fiche, form: [("section", "raci"), ("cell[\(action)|organisation|ARS]", "A/X")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Rôle RACI invalide « X » dans « A/X » (Action 1 · ARS)"))
            #expect(try await app.count("action_raci") == 2)
        }
    }
}
