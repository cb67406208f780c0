import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Targets belong to a roadmap's use of an indicator: O3-09 (DMP documents per inhabitant) is followed
/// by the 2021–2023 template, which prints a mid-2022 target for it, and by the 2023–2027 one, which
/// prints none.
@Suite struct TargetServiceTests {
    static let segur = "segur-2021-2023-r32"
    static let plan = "feuille-de-route-2023-2027-r32"

    static func withBothRoadmaps<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app async throws in
            for template in ["segur-2021-2023", "feuille-de-route-2023-2027"] {
                _ = try await app.db.sqlTransaction { db in
                    try await RoadmapTemplate.create(template, region: "R32", on: db, actor: .cli)
                }
            }
            return try await body(app)
        }
    }

    static func set(_ app: Application, due: String, target: String, roadmap: String?) async throws {
        _ = try await app.db.sqlTransaction { db in
            try await TargetService.set(
                .init(indicator: "O3-09", territory: "R32", due: due, target: target, roadmap: roadmap), on: db,
                actor: .cli)
        }
    }

    @Test(arguments: TestDB.all)
    func eachRoadmapCountsItsOwnTargetsAndTheSharedOnes(db: TestDB) async throws {
        try await Self.withBothRoadmaps(db) { app in
            // Setup: the printed 2022 target is the 2021–2023 roadmap's; a shared target and the plan's own
            // target at the same date.
            try await Self.set(app, due: "fin 2027", target: "2", roadmap: nil)
            try await Self.set(app, due: "fin 2027", target: "2,5", roadmap: Self.plan)
            // Act
            let segur = try await app.progress("O3-09", "R32", at: "2022-03-31", roadmap: Self.segur)
            let plan = try await app.progress("O3-09", "R32", at: "2026-06-30", roadmap: Self.plan)
            let segurTargets = try await ProgressQuery.targets(
                "O3-09", territory: "R32", couloir: .tous, roadmap: Self.segur, on: app.sql)
            let planTargets = try await ProgressQuery.targets(
                "O3-09", territory: "R32", couloir: .tous, roadmap: Self.plan, on: app.sql)
            // Check: the plan does not inherit the 2021–2023 target, and its own wins over the shared one.
            #expect(segur.progress.target?.value == .number(1.3))
            #expect(segurTargets.map(\.value) == [.number(1.3), .number(2)])
            #expect(planTargets.map(\.due) == [Day(2027, 12, 31)])
            #expect(plan.progress.target?.value == .number(2.5))
            #expect(try await app.count("targets", where: "indicator_code = 'O3-09'") == 3)
        }
    }

    @Test(arguments: TestDB.all)
    func aRoadmapsDocumentHoldsItsOwnTargetsAndTheSharedOnesItDoesNotOverride(db: TestDB) async throws {
        try await Self.withBothRoadmaps(db) { app in
            try await Self.set(app, due: "fin 2026", target: "1,8", roadmap: nil)
            try await Self.set(app, due: "fin 2027", target: "2", roadmap: nil)
            try await Self.set(app, due: "fin 2027", target: "2,5", roadmap: Self.plan)
            let roadmap = try #require(try await RoadmapQuery.find(code: Self.plan, on: app.sql))
            let document = try await RoadmapDocumentService.document(roadmap, on: app.sql)
            let link = try #require(document.fiches.flatMap(\.indicators).first { $0.code == "O3-09" })
            #expect(link.targets.map(\.due) == ["2026-12-31", "2027-12-31"])
            #expect(link.targets.map(\.target) == ["1,8", "2,5"])
        }
    }

    @Test(arguments: TestDB.all)
    func anUnknownRoadmapIsNamedWithItsLineAndField(db: TestDB) async throws {
        try await Self.withBothRoadmaps(db) { app in
            // Setup: a targets file whose second line names no roadmap that exists.
            let csv = """
                indicateur;territoire;echeance;cible;feuille_de_route
                O3-09;R32;fin 2027;2,5;\(Self.plan)
                O3-09;R32;fin 2027;3;feuille-inconnue

                """
            // Act
            let preview = try await ImportKind.targets.run(
                ImportFile(name: "cibles.csv", data: Data(csv.utf8)), mode: .preview, on: app.sql, actor: .cli)
            let refused = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await TargetService.set(
                        .init(indicator: "O3-09", territory: "R32", due: "fin 2027", target: "2", roadmap: "x<y"),
                        on: db, actor: .cli)
                }
            }
            // Check
            #expect(preview.created == 1)
            #expect(preview.rejected.map(\.line) == [3])
            #expect(preview.rejected.map(\.field) == ["feuille_de_route"])
            #expect(preview.rejected.first?.reason.contains("Feuille de route inconnue « feuille-inconnue »") == true)
            #expect(refused?.message == "Feuille de route inconnue « x<y ».")
            #expect(try await app.count("targets", where: "roadmap_code = 'feuille-inconnue'") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func theMigrationGivesAnEarlierTargetToTheOneRoadmapFollowingItsIndicatorAtItsDate(db: TestDB) async throws {
        try await Self.withBothRoadmaps(db) { app in
            // Setup: targets of O3-09 in 2022 (only the 2021–2023 roadmap then), end 2023 (both) and 2026
            // (only the plan); the migration is undone, which makes them all shared as they were before it.
            // Both templates print the cyber targets of May 2023: undone, each is kept once.
            try await Self.set(app, due: "fin 2023", target: "1,5", roadmap: nil)
            try await Self.set(app, due: "fin 2026", target: "1,8", roadmap: Self.plan)
            let keys = try await app.sql.raw(
                """
                SELECT DISTINCT indicator_code, territory_code, couloir, due_on FROM targets
                """
            ).all().count
            #expect(try await app.count("targets", where: "indicator_code = 'I.1.1'") == 2)
            try await UpdateTargetsAddRoadmap().revert(on: app.db)
            #expect(try await app.count("targets") == keys)
            // Act
            try await UpdateTargetsAddRoadmap().prepare(on: app.db)
            // Check: nothing lost, and each target where it belongs.
            struct OwnedRow: Decodable, Equatable {
                var dueOn, roadmapCode: String
            }
            let owned = try await app.sql.select().columns("due_on", "roadmap_code").from("targets")
                .where("indicator_code", .equal, "O3-09").orderBy("due_on")
                .all(decoding: OwnedRow.self, with: .snakeCase)
            #expect(try await app.count("targets") == keys)
            #expect(
                owned == [
                    .init(dueOn: "2022-06-30", roadmapCode: Self.segur), .init(dueOn: "2023-12-31", roadmapCode: ""),
                    .init(dueOn: "2026-12-31", roadmapCode: Self.plan)
                ])
            #expect(try await app.count("targets", where: "indicator_code = 'I.1.1' AND roadmap_code = ''") == 1)
            // The key holds the roadmap: the same date may have a shared and an own target, not two own ones.
            try await Self.set(app, due: "fin 2026", target: "1,7", roadmap: nil)
            #expect(try await app.count("targets", where: "indicator_code = 'O3-09'") == 4)
        }
    }
}
