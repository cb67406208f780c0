import Foundation
import JalonCore
import Testing
@testable import App

/// Pages rendered from fixed view models and compared with the files in `__Snapshots__/`.
/// Set JALON_RECORD_SNAPSHOTS=1 to re-record after an intended change; a missing snapshot is
/// recorded and the test fails, so a new page is reviewed once.
struct SnapshotTests {
    static let dir = Fixtures.repoRoot + "Tests/AppTests/__Snapshots__/"

    static func assertSnapshot(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = dir + name + ".html"
        let record = ProcessInfo.processInfo.environment["JALON_RECORD_SNAPSHOTS"] == "1"
        guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try html.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("instantané \(name) enregistré : relisez-le puis relancez les tests", sourceLocation: sourceLocation)
            return
        }
        #expect(html == expected, "la page \(name) diffère de son instantané \(path)", sourceLocation: sourceLocation)
    }

    static let r32 = Territory(code: "R32", kind: .region, name: "Hauts-de-France", insee: "32", parentCode: "FR", population: 6_003_283, decoupageID: nil)
    static let tan = Territory(code: "TAN-LITTORAL", kind: .custom, name: "TAN Littoral", insee: "", parentCode: "R32", population: 696_641,
                               decoupageID: UUID(uuidString: "00000000-0000-0000-0000-000000000001"))
    static let structure = Structure(
        id: UUID(uuidString: "00000000-0000-0000-0000-000000000002")!, finessET: "590000001", finessEJ: "590000010", legalEntityName: "CHU DE LILLE",
        siret: "26590000100017", rpps: nil, source: "finess", name: "CHU DE LILLE", longName: "CENTRE HOSPITALIER UNIVERSITAIRE DE LILLE", complement: "",
        address: "2 AV OSCAR LAMBRET", postalCode: "59037", city: "LILLE CEDEX", communeCode: "59350", communeName: "Lille", communeRaw: "59350",
        phone: "0320445962", categoryCode: "101", categoryLabel: "Centre Hospitalier Régional (C.H.R.)", couloir: "ES", openedOn: "1970-01-01",
        authorisedOn: "1970-01-01", closedOn: nil, sourceUpdatedOn: "2024-02-01", latitude: 50.6105, longitude: 3.0345, isDemo: false)

    @Test func home() throws {
        let model = Home.Model(regions: 18, departements: 101, communes: 34_875, customTerritories: 7,
                               decoupages: [Decoupage(id: Self.tan.decoupageID!, code: "TAN", name: "TAN", regionCode: "R32", description: "")],
                               openByCouloir: ["ES": 281, "MS-PA": 1_474, "PHARMA": 1_842], demoRegion: Self.r32)
        try Self.assertSnapshot(Home.render(model), named: "home")
    }

    @Test func territory() throws {
        let model = TerritoryPage.Model(
            territory: Self.r32, ancestors: [Territory(code: "FR", kind: .country, name: "France", insee: "", parentCode: nil, population: 66_526_267, decoupageID: nil)],
            children: [Territory(code: "D59", kind: .departement, name: "Nord", insee: "59", parentCode: "R32", population: 2_608_346, decoupageID: nil)],
            childrenTitle: "Départements", childrenTotal: 1, members: [], decoupage: nil,
            memberships: [.init(territory: Self.tan, communesInside: 272, communesTotal: 3_782)],
            openByCouloir: ["ES": 281, "BIO": 38], communeCount: 3_782)
        try Self.assertSnapshot(TerritoryPage.render(model), named: "territory")
    }

    @Test func structures() throws {
        var filter = StructureFilter()
        filter.territory = "TAN-LITTORAL"
        filter.couloir = .es
        let model = Structures.Model(filter: filter, page: StructurePage(items: [Self.structure], total: 120, page: 2, perPage: 50),
                                     territory: Self.tan, unknownTerritory: nil,
                                     categories: [.init(code: "101", label: "Centre Hospitalier Régional (C.H.R.)", aggregateCode: "1101", couloir: "ES", defaultCouloir: "ES")])
        try Self.assertSnapshot(Structures.render(model), named: "structures")
    }

    @Test func structure() throws {
        let model = StructureDetail.Model(structure: Self.structure, territories: [Self.r32, Self.tan])
        try Self.assertSnapshot(StructureDetail.render(model), named: "structure")
    }
}
