import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite struct FicheIndicatorTests {
    @Test(arguments: TestDB.all)
    func anIndicatorBroughtByAProfileIsAttachedAsComplementaryAndReachesTheSteeringTable(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap; APCV-ACTIV exists only through its shipped import profile.
            try await app.createRoadmap()
            #expect(try await IndicatorQuery.find("APCV-ACTIV", on: app.sql) != nil)
            let fiche = "/feuille-de-route/fiches/DMP"
            #expect(try await app.get(fiche).body.contains("<option value=\"APCV-ACTIV\">"))
            // Act: attach it in the second table.
            let attached = try await app.post(
                fiche, form: [("section", "attach"), ("indicator", "APCV-ACTIV"), ("role", "complementaire")])
            // Check: the fiche shows it under "Indicateurs régionaux complémentaires", the steering table
            // lists it, the fiche's history says so.
            #expect(attached.status == .seeOther)
            let page = try await app.get(fiche).body
            let second = try #require(page.range(of: "<h3>Indicateurs régionaux complémentaires</h3>"))
            #expect(page[second.upperBound...].contains("APCV-ACTIV"))
            #expect(!page[..<second.lowerBound].contains("<code>APCV-ACTIV</code>"))
            #expect(page.contains("Indicateur APCV-ACTIV rattaché à la fiche (régional complémentaire)"))
            #expect(try await app.get("/feuille-de-route").body.contains("APCV-ACTIV"))
            // A form sent from a stale page loses; an unknown indicator is named.
            let stale = try await app.post(
                fiche, form: [("section", "detach"), ("indicator", "APCV-ACTIV"), ("version", "1")])
            #expect(stale.status == .conflict)
            let unknown = try await app.post(
                fiche, form: [("section", "attach"), ("indicator", "INCONNU-9"), ("role", "national")])
            #expect(unknown.status == .unprocessableEntity && unknown.body.contains("Indicateur inconnu « INCONNU-9 »"))
            // Detaching takes it off both pages.
            #expect(
                try await app.post(fiche, form: [("section", "detach"), ("indicator", "APCV-ACTIV")]).status
                    == .seeOther)
            #expect(!(try await app.get("/feuille-de-route").body.contains("APCV-ACTIV")))
        }
    }
}
