import Foundation
import JalonCore
import Testing

@testable import App

@Suite(.serialized) struct FinessImportTests {
    @Test(arguments: TestDB.all)
    func etalabFixtureLatin1WithRejectsUnknownsAndCoordinates(db: TestDB) async throws {
        try await db.withApp { app in
            // setup
            _ = try await app.loadFixtureGeography()
            // act
            let s = try await app.importFiness(
                try Fixtures.data("finess_etalab_fixture.csv"), name: "finess_etalab_fixture.csv")
            // check
            #expect(s.read == 8)
            #expect(s.created == 7)
            #expect(s.rejected.map(\.line) == [9])
            #expect(s.rejected.first?.field == "nofinesset")
            #expect(s.unknownCategories == ["999": 1])
            #expect(s.unknownCommunes == ["97123": 1])
            let chu = try #require(try await StructureQuery.find("590000001", on: app.sql))
            #expect(chu.longName == "CENTRE HOSPITALIER RÉGIONAL UNIVERSITAIRE DE LILLE")
            #expect(chu.communeCode == "59350")
            #expect(chu.couloir == "ES")
            #expect(abs((chu.latitude ?? 0) - 50.61) < 0.05 && abs((chu.longitude ?? 0) - 3.03) < 0.05)
            let ehpad = try #require(try await StructureQuery.find("590000002", on: app.sql))
            #expect(ehpad.name == "EHPAD \"LES TILLEULS\" ; SITE NORD")
            #expect(ehpad.couloir == "MS-PA")
            #expect(try await StructureQuery.find("750000003", on: app.sql)?.communeCode == "75056")
            #expect(try await StructureQuery.find("2A0000004", on: app.sql)?.couloir == "BIO")
            #expect(try await StructureQuery.find("970100005", on: app.sql)?.communeCode == "97105")
            // An unknown category is learnt from its aggregate (4402 → MS-PA) and becomes adjustable.
            #expect(try await StructureQuery.find("620000007", on: app.sql)?.couloir == "MS-PA")
            #expect(try await CategoryService.all(on: app.sql).contains { $0.code == "999" && $0.couloir == "MS-PA" })

            // act: the same content, gzipped: nothing changes
            let again = try await app.importFiness(
                try Fixtures.data("finess_etalab_fixture.csv.gz"), name: "finess_etalab_fixture.csv.gz")
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 7)
            #expect(again.text.contains("Aucun changement"))
        }
    }

    @Test(arguments: TestDB.all)
    func jsonFluxClosedEntitiesArrondissementsAndLegalEntities(db: TestDB) async throws {
        try await db.withApp { app in
            _ = try await app.loadFixtureGeography()
            let s = try await app.importFiness(
                try Fixtures.data("finess_flux_fixture.json"), name: "finess_flux_fixture.json")
            #expect(s.read == 3 && s.created == 3 && s.closed == 2)
            #expect(s.legalEntitiesCreated == 2)
            let centre = try #require(try await StructureQuery.find("750000101", on: app.sql))
            #expect(centre.communeCode == "75056")
            #expect(centre.communeRaw == "75114")
            #expect(centre.legalEntityName == "ASSOCIATION FICTIVE POUR LA SANTE")
            #expect(centre.latitude == 48.8221)
            let closed = try #require(try await StructureQuery.find("590000102", on: app.sql))
            #expect(closed.closedOn == "2021-06-30")
            #expect(closed.communeCode == "59350")  // the geographic address (usage 03), not the first one
            #expect(try await StructureQuery.find("590000103", on: app.sql)?.closedOn == "2020-02-02")
            // Closed structures are kept but not counted as open.
            let open = try await StructureQuery.countsByCouloir(territory: "D59", on: app.sql)
            #expect(open["MS-PA"] == nil)
            var f = StructureFilter()
            f.territory = "D59"
            f.status = .closed
            #expect(try await StructureQuery.page(f, on: app.sql).total == 2)
            // Updating a field is an update, not a new structure.
            let changed = String(data: try Fixtures.data("finess_flux_fixture.json"), encoding: .utf8)!
                .replacingOccurrences(of: "CENTRE DE SANTE MONTSOURIS", with: "CENTRE DE SANTE RENOMME")
            let u = try await app.importFiness(Data(changed.utf8), name: "modifié.json")
            #expect(u.updated == 1 && u.unchanged == 2 && u.created == 0)
            #expect(try await StructureQuery.find("750000101", on: app.sql)?.name == "CENTRE DE SANTE RENOMME")
        }
    }

    @Test(arguments: TestDB.all)
    func aTruncatedOrUnreadableFileWritesNothing(db: TestDB) async throws {
        try await db.withApp { app in
            _ = try await app.loadFixtureGeography()
            let full = try Fixtures.data("finess_etalab_fixture.csv")
            // Cut in the middle of line 5.
            let cut = full.prefix(upTo: full.firstRange(of: Data("LABORATOIRE D'AJACCIO".utf8))!.lowerBound)
            await #expect(throws: ServiceError.self) { try await app.importFiness(Data(cut), name: "coupé.csv") }
            do { _ = try await app.importFiness(Data(cut), name: "coupé.csv") } catch let e as ServiceError {
                #expect(e.message.hasPrefix("coupé.csv, ligne 5 :"))
                #expect(e.message.contains("tronqué"))
            }
            let gz = try Fixtures.data("finess_etalab_fixture.csv.gz")
            await #expect(throws: ServiceError.self) {
                try await app.importFiness(gz.prefix(gz.count / 2), name: "coupé.csv.gz")
            }
            await #expect(throws: ServiceError.self) {
                try await app.importFiness(Data("bonjour;le;monde\n".utf8), name: "autre.csv")
            }
            #expect(try await app.count("structures") == 0)
            #expect(try await app.count("audit_events", where: "object_type = 'finess'") == 0)
        }
    }
}
