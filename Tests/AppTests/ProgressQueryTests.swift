import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite(.serialized) struct ProgressQueryTests {
    @Test(arguments: TestDB.all)
    func reproducesTheNADMPAnnexAndRollsUpTheRegionAsARatioOfSums(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            // setup: two départements as in the NA annex (12,83 % vs 9,85 % ; 7,80 % vs 8,72 %)
            _ = try await app.observe([
                .init(
                    indicator: "DMP-ALIM", territory: "D59", period: "mai 2022", value: "12,83 %",
                    numerator: "1 283", denominator: "10 000"),
                .init(
                    indicator: "DMP-ALIM", territory: "D62", period: "2022-05", value: "7,80 %", numerator: "7 800",
                    denominator: "100 000")
            ])
            try await app.setTarget(.init(indicator: "DMP-ALIM", territory: "D59", due: "mi-2022", target: "9,85 %"))
            try await app.setTarget(.init(indicator: "DMP-ALIM", territory: "D62", due: "mi-2022", target: "8,72 %"))
            // act
            let nord = try await app.progress("DMP-ALIM", "D59", at: "2022-05-31")
            let pdc = try await app.progress("DMP-ALIM", "D62", at: "2022-05-31")
            let region = try await app.progress("DMP-ALIM", "R32", at: "2022-05-31")
            // check
            #expect(Format.percent(try #require(nord.progress.realisation)) == "130,3\u{00A0}%")
            #expect(Format.percent(try #require(pdc.progress.realisation)) == "89,4\u{00A0}%")
            #expect(nord.progress.status == .atteint)
            #expect(pdc.progress.status == .enCours)
            #expect(nord.series.provenance.contains("saisie manuelle (test)"))
            let r = try #require(region.progress.value)
            #expect(abs(r - 9_083.0 / 110_000.0) < 1e-12)  // not the mean of 12,83 % and 7,80 %
            #expect(region.series.isOwn == false)
            #expect(region.progress.status == .sansCible)
        }
    }

    @Test(arguments: TestDB.all)
    func ownValueWinsAndAGapOverHalfAPercentIsFlagged(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            try await app.db.sqlTransaction { db in
                try await IndicatorService.upsert(
                    .init(code: "DMP-CREES", label: "DMP créés", type: "count", rollup: "sum"), on: db,
                    actor: .system)
            }
            _ = try await app.observe([
                .init(indicator: "DMP-CREES", territory: "D59", period: "2022-05", value: "1 000"),
                .init(indicator: "DMP-CREES", territory: "D62", period: "2022-05", value: "2 000"),
                .init(indicator: "DMP-CREES", territory: "R32", period: "2022-05", value: "3 010")
            ])
            var r = try await app.progress("DMP-CREES", "R32", at: "2022-06-01")
            #expect(r.progress.value == 3_010)
            #expect(r.rolledUp == 3_000)
            #expect(r.inconsistent == false)
            _ = try await app.observe([
                .init(indicator: "DMP-CREES", territory: "R32", period: "2022-05", value: "3 100")
            ])
            r = try await app.progress("DMP-CREES", "R32", at: "2022-06-01")
            #expect(r.inconsistent == true)
            // The replaced value went to the history.
            #expect(try await app.count("observation_history") == 1)
            #expect(try await app.count("observations", where: "indicator_code = 'DMP-CREES'") == 3)
        }
    }

    @Test(arguments: TestDB.all)
    func shareOfStructuresCountsOpenStructuresOfTheCouloir(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            try await app.db.sqlTransaction { db in
                try await IndicatorService.upsert(
                    .init(
                        code: "ES-TOUCHES", label: "% d'ES touchés", couloir: "ES", type: "share",
                        rollup: "share_of_structures"), on: db, actor: .system)
                try await IndicatorService.upsert(
                    .init(
                        code: "EHPAD-DUI", label: "EHPAD avec DUI", couloir: "MS", type: "count",
                        rollup: "count_of_structures"), on: db, actor: .system)
            }
            // D59 has one open ES (the CHU); France has three (CHU, Basse-Terre, Cayenne is not loaded).
            _ = try await app.observe([
                .init(indicator: "ES-TOUCHES", structure: "590000001", period: "2022-03", value: "OUI"),
                .init(indicator: "EHPAD-DUI", structure: "590000002", period: "2022-03", value: "oui"),
                .init(indicator: "EHPAD-DUI", structure: "590000102", period: "2022-03", value: "oui")
            ])
            let nord = try await app.progress("ES-TOUCHES", "D59", at: "2022-06-30")
            #expect(nord.progress.value == 1)
            let france = try await app.progress("ES-TOUCHES", "FR", at: "2022-06-30")
            let openES = try await StructureQuery.countsByCouloir(territory: "FR", on: app.sql)["ES"] ?? 0
            #expect(france.progress.value == 1.0 / Double(openES))
            let count = try await app.progress("EHPAD-DUI", "D59", at: "2022-06-30")
            #expect(count.progress.value == 2)
        }
    }

    @Test(arguments: TestDB.all)
    func formulasReadOtherIndicatorsAndPopulation(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            try await app.db.sqlTransaction { db in
                try await IndicatorService.upsert(
                    .init(code: "DOCS", label: "Documents", type: "count"), on: db, actor: .system)
                try await IndicatorService.upsert(
                    .init(
                        code: "DOCS-HAB", label: "Documents par habitant", type: "per_inhabitant",
                        formula: "{DOCS} / POP"), on: db, actor: .system)
            }
            _ = try await app.observe([.init(indicator: "DOCS", territory: "D59", period: "2022-05", value: "385 670")])
            let r = try await app.progress("DOCS-HAB", "D59", at: "2022-06-01")
            // D59 population in the fixture: 236 710 + 86 279 + 62 681
            #expect(r.progress.value == 385_670.0 / 385_670.0)
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await IndicatorService.upsert(
                        .init(code: "BAD", label: "Mauvaise", formula: "{INCONNU} / POP"), on: db, actor: .system)
                }
            }
            await #expect(throws: ServiceError.self) {
                _ = try await app.observe([
                    .init(indicator: "DOCS-HAB", territory: "D59", period: "2022-05", value: "1")
                ])
            }
        }
    }

    @Test(arguments: TestDB.all)
    func aBatchWithOneBadLineWritesNothingAndNamesTheLine(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            let lines: [ObservationService.Input] = [
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-05", value: "12 %"),
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-13", value: "13 %")
            ]
            do {
                _ = try await app.observe(lines)
                Issue.record("le lot aurait dû être refusé")
            } catch let e as ServiceError {
                #expect(
                    e.message
                        == "Ligne 2 : Période illisible « 2022-13 » (ex. 2021-12, 2021-T4, déc. 2021, 31/12/2021).")
            }
            for (bad, message) in [("douze", "Valeur illisible « douze »"), ("", "Valeur manquante")] {
                await #expect(throws: ServiceError.self) {
                    _ = try await app.observe([
                        .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-05", value: bad)
                    ])
                }
                do {
                    _ = try await app.observe([
                        .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-05", value: bad)
                    ])
                } catch let e as ServiceError {
                    #expect(e.message.contains(message), "\(e.message)")
                }
            }
            #expect(try await app.count("observations") == 0)
            // "ND" is stored as not provided, never as zero.
            _ = try await app.observe([.init(indicator: "DMP-ALIM", territory: "D59", period: "2022-05", value: "ND")])
            #expect(try await app.count("observations", where: "not_provided = \(bind: true) AND value IS NULL") == 1)
            let again = try await app.observe([
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-05", value: "ND")
            ])
            #expect(again.unchanged == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func templateCreatesTheNationalRoadmapOnce(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            let first = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .cli)
            }
            #expect(first.objectives == 4)
            // The shipped INSi profile installed O3-18 … O3-22 at migrate, as the template defines them.
            #expect(first.indicators == 68 && first.indicatorsWritten == 63)
            #expect(first.fiches >= 10)
            #expect(first.targetsWritten == first.targets && first.targets > 60)
            let o202 = try #require(try await IndicatorQuery.find("O2-02", on: app.sql))
            #expect(o202.definition.couloir == .es)
            #expect(o202.definition.rollup == .shareOfStructures)
            let targets = try await ProgressQuery.targets(
                "O2-02", territory: "R32", couloir: .es, roadmap: first.roadmap, on: app.sql)
            #expect(targets == [TargetPoint(due: Day(2022, 6, 30), value: .number(1))])
            let again = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .cli)
            }
            #expect(again.indicatorsWritten == 0 && again.targetsWritten == 0)
            #expect(try await app.count("roadmaps") == 1)
            #expect(try await app.count("fiche_indicators") == 68)
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await RoadmapTemplate.create("inconnu", region: "R32", on: db, actor: .cli)
                }
            }
        }
    }

    @Test(arguments: TestDB.all)
    func progressAPIAnswersWithEveryKey(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            _ = try await app.observe([
                .init(
                    indicator: "DMP-ALIM", territory: "D59", period: "2022-05", numerator: "1 283",
                    denominator: "10 000")
            ])
            try await app.setTarget(.init(indicator: "DMP-ALIM", territory: "D59", due: "mi-2022", target: "9,85 %"))
            let (status, raw) = try await app.getJSON("/api/progress?indicator=DMP-ALIM&territory=D59&at=2022-05-31")
            #expect(status == .ok)
            let json = try #require(raw as? [String: Any])
            for key in [
                "value", "target", "realisation", "expected", "projection", "attainment", "status", "provenance"
            ] { #expect(json.keys.contains(key), "\(key)") }
            #expect(abs((json["realisation"] as? Double ?? 0) - 1.3025) < 0.0001)
            #expect((json["target"] as? [String: Any])?["due"] as? String == "2022-06-30")
            #expect(json["status"] as? String == "atteint")
            // One value, no baseline: every variation is there, and null.
            let variation = try #require(json["variation"] as? [String: Any])
            #expect(variation.keys.sorted() == ["since_baseline", "since_previous", "since_year_before"])
            #expect(variation.values.allSatisfy { $0 is NSNull })
            // A value a year later and a month before it: plain ratios.
            _ = try await app.observe([
                .init(
                    indicator: "DMP-ALIM", territory: "D59", period: "2023-04", numerator: "2 000",
                    denominator: "10 000"),
                .init(
                    indicator: "DMP-ALIM", territory: "D59", period: "2023-05", numerator: "2 500",
                    denominator: "10 000")
            ])
            let (_, later) = try await app.getJSON("/api/progress?indicator=DMP-ALIM&territory=D59&at=2023-05-31")
            let moved = try #require((later as? [String: Any])?["variation"] as? [String: Any])
            #expect(abs((moved["since_previous"] as? Double ?? 0) - 1.25) < 1e-9)
            #expect(abs((moved["since_year_before"] as? Double ?? 0) - 2500 / 1283) < 1e-9)
            let (bad, _) = try await app.getJSON("/api/progress?indicator=DMP-ALIM&territory=D59&at=31-05-2022")
            #expect(bad == .badRequest)
        }
    }

    @Test func indicatorCSVIsCheckedLineByLine() throws {
        let good =
            "code;libelle;service;couloir;source;type;nature;regle;sens;format;formule\n"
            + "A;Alpha;DMP;ES;CNAM;count;stock;sum;hausse;;\nB;Bêta;DMP;TOUS;CNAM;share;stock;ratio;baisse;%;\n"
        let rows = try IndicatorService.parseCSV(Data(good.utf8), fileName: "ind.csv")
        #expect(rows.map(\.1.code) == ["A", "B"])
        let bad = "code;libelle;couloir;regle\nA;Alpha;ES;sum\nB;Bêta;ES;moyenne-pondérée\n"
        #expect(
            throws: ServiceError.invalid(
                "ind.csv, ligne 3 : Règle d'agrégation inconnue « moyenne-pondérée » pour B.")
        ) {
            try IndicatorService.parseCSV(Data(bad.utf8), fileName: "ind.csv")
        }
    }
}

extension ProgressQueryTests {
    /// The roll-up layer serves the second read, and a write drops what it changes.
    @Test(arguments: TestDB.all)
    func rollupLayerStaysCorrectAfterWrites(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            _ = try await app.observe([
                .init(
                    indicator: "DMP-ALIM", territory: "D59", period: "2022-05", numerator: "10", denominator: "100"),
                .init(
                    indicator: "DMP-ALIM", territory: "D62", period: "2022-05", numerator: "30", denominator: "100")
            ])
            #expect(try await app.progress("DMP-ALIM", "R32", at: "2022-06-01").progress.value == 0.2)
            #expect(
                try await app.count("rollup_cache", where: "indicator_code = 'DMP-ALIM' AND territory_code = 'R32'")
                    == 1)
            // A new value in the Nord changes the région's roll-up at once.
            _ = try await app.observe([
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-05", numerator: "50", denominator: "100")
            ]
            )
            #expect(
                try await app.count("rollup_cache", where: "indicator_code = 'DMP-ALIM' AND territory_code = 'R32'")
                    == 0)
            #expect(try await app.progress("DMP-ALIM", "R32", at: "2022-06-01").progress.value == 0.4)
            // A series computed before an invalidation is not stored after it.
            let epoch = try await RollupCache.epoch(on: app.sql)
            try await RollupCache.invalidateAll(on: app.sql)
            try await RollupCache.put(
                .init(points: [], provenance: "périmé", isOwn: false, parts: nil), indicator: "DMP-ALIM",
                territory: "R32", couloir: .tous, epoch: epoch, on: app.sql)
            #expect(try await app.count("rollup_cache") == 0)
            #expect(try await app.progress("DMP-ALIM", "R32", at: "2022-06-01").progress.value == 0.4)
            // Structures feed shares: an import drops the layer.
            _ = try await app.progress("DMP-ALIM", "D59", at: "2022-06-01")
            #expect(try await app.count("rollup_cache") > 0)
            _ = try await app.importFiness(
                try Fixtures.data("finess_flux_fixture.json").replacingSomeName(), name: "flux2.json")
            #expect(try await app.count("rollup_cache") == 0)
        }
    }
}

extension Data {
    /// The flux fixture with one establishment renamed: an import that updates one structure.
    func replacingSomeName() -> Data {
        Data(
            String(decoding: self, as: UTF8.self).replacingOccurrences(
                of: "CENTRE DE SANTE MONTSOURIS", with: "CENTRE DE SANTE DU PARC"
            ).utf8)
    }
}
