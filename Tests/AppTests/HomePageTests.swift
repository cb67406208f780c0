import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// The home page is where work starts, and it differs by role: the pilote's steering block, the
/// animateur's territories, everyone's tasks and latest validated photo.
@Suite struct HomePageTests {
    @Test(arguments: TestDB.all)
    func aPiloteSeesWhatIsLateDueMissingAndHowFreshEachSourceIs(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap (its actions end in December 2023, so they are overdue), one value
            // of May 2022, a task for the pilote.
            try await app.createRoadmap()
            let pilote = try await app.signIn(.pilote)
            let followed = try await app.roadmapIndicatorCodes()
            let valued = try #require(
                try await IndicatorQuery.all(on: app.sql).first {
                    followed.contains($0.code) && $0.definition.kind == .count && $0.definition.nature == .stock
                        && $0.definition.formula == nil
                        && $0.definition.computed == nil && $0.definition.rollup == .sum
                })
            _ = try await app.observe([.init(indicator: valued.code, territory: "R32", period: "2022-05", value: "4")])
            _ = try await app.db.sqlTransaction { db in
                try await TaskService.create(
                    .init(title: "Préparer le CRNS", assignee: "pilote@test.invalid", due: "2022-12-31", action: ""),
                    on: db, actor: .system)
            }
            // Act
            let home = try await app.get("/", as: pilote).body
            // Check: the objectives with their counts, the indicators without a value, the overdue actions,
            // the source's freshness, the task (late), and no field block.
            #expect(home.contains("En retard et à risque, par objectif"))
            #expect(home.contains("1. Bâtir et animer une feuille de route régionale partagée"))
            #expect(home.contains("données non fournies à ce jour"))
            #expect(home.contains("dépassée"))
            #expect(home.contains("Dernière valeur \(valued.definition.service) : mai 2022"))
            #expect(home.contains("plus de trois mois"))
            #expect(home.contains("Préparer le CRNS — échéance 31 décembre 2022"))
            #expect(home.contains("en retard"))
            #expect(!home.contains("Structures touchées depuis le 1er janvier"))
        }
    }

    @Test(arguments: TestDB.all)
    func anAnimateurSeesHisTerritoriesReachAndWorklistAndALecteurTheLatestPhoto(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: a roadmap photographed at the end of 2022.
            try await app.createRoadmap()
            _ = try await app.db.sqlTransaction { db in
                try await SnapshotService.validate(
                    name: "Comité régional du 15 décembre 2022", at: Day(2022, 12, 15), territory: "R32", couloir: nil,
                    on: db, actor: .system)
            }
            let animateur = try await app.signIn(.animateur, territories: ["D59"])
            let lecteur = try await app.signIn(.lecteur)
            // Act
            let field = try await app.get("/", as: animateur).body
            let reader = try await app.get("/", as: lecteur).body
            // Check: the animateur's Nord, per couloir, and whom to reach first; no steering block.
            #expect(field.contains("Nord : structures touchées / ouvertes"))
            #expect(field.contains("/activites/a-toucher?territoire=D59&amp;couloir=ES"))
            #expect(!field.contains("En retard et à risque, par objectif"))
            // Check: the lecteur sees the latest validated photo, and neither block.
            #expect(reader.contains("Comité régional du 15 décembre 2022"))
            #expect(!reader.contains("En retard et à risque, par objectif"))
            #expect(!reader.contains("Structures touchées depuis le 1er janvier"))
        }
    }
}
