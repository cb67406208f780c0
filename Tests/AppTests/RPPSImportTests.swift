import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// The RPPS import on a fixture of fictitious practitioners shaped like the national extraction.
@Suite(.serialized) struct RPPSImportTests {
    static func run(_ app: Application, region: String? = nil) async throws -> RPPSImporter.Summary {
        let path = Fixtures.url("rpps_fixture.txt").path
        return try await app.db.sqlTransaction { db in
            try await RPPSImporter.run(path: path, fileName: "rpps_fixture.txt", region: region, on: db, actor: .system)
        }
    }

    @Test(arguments: TestDB.all)
    func practicesForGPsAndRadiologistsPharmacistsLinkedToTheirOfficine(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let s = try await Self.run(app)
            #expect(s.lines == 10 && s.rejected == 2)
            #expect(s.rejections.first == "ligne 10 : 6 champs au lieu de 57 — ligne tronquée ou mal formée")
            #expect(s.otherActivities == 2)  // a salaried GP, a cardiologist
            #expect(s.outOfScope == 1)  // Marseille is not in the test geography
            #expect(s.kept == ["MDV": 2, "RADIO": 1, "PHARMA": 1])
            #expect(s.practicesCreated == 2)  // the two GPs share one cabinet (same SIRET)
            #expect(s.pharmaciesLinked == 1 && s.pharmaciesUnknown == 1)
            #expect(s.activitiesCreated == 4)
            // the cabinet is a structure of the MDV couloir in Lille, found by its SIRET
            let cabinet = try #require(try await StructureQuery.find("55566677700018", on: app.sql))
            #expect(
                cabinet.couloir == "MDV" && cabinet.communeCode == "59350" && cabinet.source == "rpps"
                    && cabinet.finessET == nil)
            #expect(try await app.count("practitioner_activities", where: "structure_id = \(bind: cabinet.id)") == 2)
            // the pharmacist works at the FINESS pharmacy of the fixture
            let pharmacy = try #require(try await StructureQuery.find("750000003", on: app.sql))
            #expect(
                try await app.count(
                    "practitioner_activities", where: "structure_id = \(bind: pharmacy.id) AND couloir = 'PHARMA'") == 1
            )
            // a practitioner's RPPS, with or without the national prefix, names the place of the activity
            #expect(try await StructureQuery.find("810000000022", on: app.sql)?.id == cabinet.id)
            #expect(try await StructureQuery.find("10000000022", on: app.sql)?.id == cabinet.id)
            #expect(try await StructureQuery.find("810000000044", on: app.sql)?.finessET == "750000003")
            // the cabinet's page shows it like any structure
            #expect(
                try await app.get("/structures/\(cabinet.id.uuidString.lowercased())").body.contains(
                    "CABINET MEDICAL DES TESTS"))
            // the same file again changes nothing
            let again = try await Self.run(app)
            #expect(
                again.activitiesCreated == 0 && again.activitiesUpdated == 0 && again.activitiesUnchanged == 4
                    && again.practicesCreated == 0 && again.practicesUpdated == 0)
            #expect(try await app.count("structures", where: "source = 'rpps'") == 2)
        }
    }

    @Test(arguments: TestDB.all)
    func aRegionKeepsOnlyItsCommunesAndAMissingFileIsNamed(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let s = try await Self.run(app, region: "R32")
            #expect(s.kept == ["MDV": 2, "RADIO": 1] && s.outOfScope == 2)
            await #expect(
                throws: ServiceError.invalid(
                    "absent.txt, fichier « /nulle/part/absent.txt » introuvable ou illisible.")
            ) {
                _ = try await app.db.sqlTransaction { db in
                    try await RPPSImporter.run(
                        path: "/nulle/part/absent.txt", fileName: "absent.txt", on: db, actor: .system)
                }
            }
        }
    }
}
