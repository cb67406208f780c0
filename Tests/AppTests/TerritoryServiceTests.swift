import Foundation
import JalonCore
import Testing

@testable import App

@Suite(.serialized) struct TerritoryServiceTests {
    @Test(arguments: TestDB.all)
    func customTerritoriesFromEPCIAndCommunesWithinTheirRegion(db: TestDB) async throws {
        try await db.withApp { app in
            // setup
            _ = try await app.loadFixtureGeography()
            _ = try await app.importFiness(try Fixtures.data("finess_etalab_fixture.csv"), name: "fixture.csv")
            // act
            let littoral = try await app.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: "tan-littoral", name: "TAN Littoral", decoupage: "TAN", parent: "R32",
                        members: ["E245900428", "62160"]), on: db, actor: .system)
            }
            // check: population is the sum of its communes; structures are attached through their commune
            #expect(littoral.code == "TAN-LITTORAL")
            #expect(littoral.population == 86_279 + 39_855)
            var f = StructureFilter()
            f.territory = "TAN-LITTORAL"
            #expect(try await StructureQuery.page(f, on: app.sql).items.map(\.finessET) == ["590000002"])
            let dunkerque = try await TerritoryQuery.customMemberships(of: "C59183", on: app.sql)
            #expect(dunkerque.map(\.territory.code) == ["TAN-LITTORAL"])
            #expect(dunkerque.first?.isComplete == true)
            // A member outside the parent région contributes no commune.
            let mixed = try await app.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(code: "MIXTE", name: "Mixte", decoupage: nil, parent: "R32", members: ["D75", "C59350"]),
                    on: db, actor: .system)
            }
            #expect(mixed.population == 236_710)
            // The structure's page lists every territory containing its commune.
            let territories = try await StructureQuery.territories(ofCommune: "59183", on: app.sql).map(\.code)
            #expect(Set(territories) == ["C59183", "D59", "R32", "FR", "E245900428", "TAN-LITTORAL"])
            // Re-defining identically records nothing.
            let audit = try await app.count("audit_events")
            _ = try await app.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: "TAN-LITTORAL", name: "TAN Littoral", decoupage: "TAN", parent: "R32",
                        members: ["62160", "E245900428"]), on: db, actor: .system)
            }
            #expect(try await app.count("audit_events") == audit)
        }
    }

    @Test(arguments: TestDB.all)
    func invalidDefinitionsAreRefusedInFrenchAndWriteNothing(db: TestDB) async throws {
        try await db.withApp { app in
            _ = try await app.loadFixtureGeography()
            let before = try await app.count("territories")
            for (d, fragment) in [
                (TerritoryService.Definition(code: "R32", name: "X", members: ["C59350"]), "forme d'un code officiel"),
                (
                    .init(code: "TAN-X", name: "X", members: ["C00000", "E999999999"]),
                    "Membres inconnus pour TAN-X : C00000, E999999999"
                ),
                (.init(code: "TAN-X", name: " ", members: ["C59350"]), "nom du territoire"),
                (.init(code: "TAN X", name: "X", members: ["C59350"]), "Code de territoire invalide"),
                (.init(code: "TAN-X", name: "X", parent: "R99", members: ["C59350"]), "parent inconnu")
            ] {
                await #expect(throws: ServiceError.self) {
                    try await app.db.sqlTransaction { db in try await TerritoryService.define(d, on: db, actor: .system)
                    }
                }
                do {
                    _ = try await app.db.sqlTransaction { db in
                        try await TerritoryService.define(d, on: db, actor: .system)
                    }
                } catch let e as ServiceError {
                    #expect(e.message.contains(fragment), "\(e.message)")
                }
            }
            #expect(try await app.count("territories") == before)
            #expect(try await app.count("decoupages") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func territoryCSVImportIsAllOrNothing(db: TestDB) async throws {
        try await db.withApp { app in
            _ = try await app.loadFixtureGeography()
            // act: the good file
            let good = try TerritoryCSV.parse(
                try Fixtures.data("territories_fixture.csv"), fileName: "territories_fixture.csv")
            #expect(good.count == 3)
            try await app.db.sqlTransaction { db in
                for (_, d) in good { _ = try await TerritoryService.define(d, on: db, actor: .cli) }
            }
            #expect(try await TerritoryQuery.find("TAN-METROPOLE", on: app.sql)?.population == 236_710 + 62_681)
            let tan = try #require(try await DecoupageQuery.find(code: "TAN", on: app.sql))
            #expect(try await DecoupageQuery.territories(of: tan.id, on: app.sql).count == 3)
            // act: a file whose third line is wrong: the first two are not written either
            let bad = "code;nom;découpage;parent;membres\nGHT-A;GHT A;GHT;R32;C59350\nGHT-B;GHT B;GHT;R32;C12345\n"
            let rows = try TerritoryCSV.parse(Data(bad.utf8), fileName: "ght.csv")
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    for (_, d) in rows { _ = try await TerritoryService.define(d, on: db, actor: .cli) }
                }
            }
            #expect(try await TerritoryQuery.find("GHT-A", on: app.sql) == nil)
            #expect(try await DecoupageQuery.find(code: "GHT", on: app.sql) == nil)
            #expect(throws: ServiceError.self) { try TerritoryCSV.parse(Data("a;b\n".utf8), fileName: "court.csv") }
        }
    }
}
