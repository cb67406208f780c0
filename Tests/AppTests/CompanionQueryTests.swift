import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Companion measures: the INSi calls (O3-18 … O3-22, one per couloir) name the unique users
/// (INSI-UTILISATEURS, read in the same couloir), shown together as the seeds print them.
@Suite struct CompanionQueryTests {
    static let segur = "segur-2021-2023-r32"

    static func withINSiFebruary<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app async throws in
            _ = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .cli)
            }
            let february = ImportFile(
                name: "insi.tsv", data: try Fixtures.data("insi_secteurs_fevrier_2022.tsv"),
                options: .init(profile: "insi-secteurs", settings: ["periode": "2022-02", "territoire": "R32"]))
            let report = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(february, mode: .commit, on: db, actor: .cli)
            }
            #expect(report.created == 6 && report.rejected.isEmpty)
            return try await body(app)
        }
    }

    @Test(arguments: TestDB.all)
    func theCallsAndTheirUniqueUsersShareOneCell(db: TestDB) async throws {
        try await Self.withINSiFebruary(db) { app in
            // Act: the steering table and the INS fiche at the end of February 2022.
            let dashboard = try #require(
                try await RoadmapShow.query(
                    at: Day(2022, 2, 28), territory: "R32", couloir: nil, roadmap: Self.segur, on: app.sql))
            let fiche = try #require(try await FicheShow.find("INS", roadmap: Self.segur, on: app.sql))
            let page = try #require(try await FicheShow.query(fiche, at: Day(2022, 2, 28), on: app.sql))
            // Check: each couloir's calls with the users of that couloir; a couloir without users alone.
            let cells = Dictionary(uniqueKeysWithValues: dashboard.rows.map { ($0.code, $0.value) })
            #expect(cells["O3-18"] == "nb d'appels : 309\u{202F}104 — nb d'utilisateurs : 106")
            #expect(cells["O3-20"] == "nb d'appels : 150\u{202F}334 — nb d'utilisateurs : 2\u{202F}365")
            #expect(cells["O3-22"] == "nb d'appels : 1\u{202F}785 — nb d'utilisateurs : 12")
            #expect(cells["O3-19"] == "—")
            let photo = try #require(page.indicators.first { $0.code == "O3-18" }?.photo)
            #expect(photo.hasPrefix("nb d'appels : 309\u{202F}104 — nb d'utilisateurs : 106 ("))
        }
    }

    @Test(arguments: TestDB.all)
    func aCompanionIsAnotherIndicatorThatExistsAndATemplateLeavesItInPlace(db: TestDB) async throws {
        try await Self.withINSiFebruary(db) { app in
            // Act: a companion nobody defines, the indicator itself, and the template written again.
            let unknown = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await IndicatorService.upsert(
                        .init(code: "O3-18", label: "Appels INSi", type: "count", companion: "INCONNU"), on: db,
                        actor: .cli)
                }
            }
            let itself = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await IndicatorService.upsert(
                        .init(code: "O3-18", label: "Appels INSi", type: "count", companion: "O3-18"), on: db,
                        actor: .cli)
                }
            }
            let again = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("segur-2021-2023", region: "R32", on: db, actor: .cli)
            }
            // Check
            #expect(
                unknown?.message == "Indicateur O3-18 : compagnon inconnu « INCONNU » (créez-le d'abord).")
            #expect(itself?.message == "Indicateur O3-18 : il ne peut être son propre compagnon.")
            #expect(again.indicatorsWritten == 0)
            #expect(try await IndicatorQuery.find("O3-18", on: app.sql)?.companion == "INSI-UTILISATEURS")
            // The roadmap's document carries the companion and its definition, so that it reads back whole.
            let roadmap = try #require(try await RoadmapQuery.find(code: Self.segur, on: app.sql))
            let document = try await RoadmapDocumentService.document(roadmap, on: app.sql)
            #expect(document.indicators.first { $0.code == "O3-18" }?.companion == "INSI-UTILISATEURS")
            #expect(document.indicators.contains { $0.code == "INSI-UTILISATEURS" })
        }
    }
}
