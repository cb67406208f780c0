import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// `jalon roadmap objective|fiche|move-fiche` run in-process (`scripts/cli-test.sh` runs the binary):
/// options left out keep their value, the French confirmation says what is stored.
@Suite(.serialized) struct RoadmapStructureCommandTests {
    static let roadmap = RoadmapStructureAPITests.roadmap

    @Test(arguments: TestDB.all)
    func theStructureIsEditedFromTheCommandLine(db: TestDB) async throws {
        try await RoadmapStructureAPITests.seeded(db) { app, _ in
            // setup
            let order = try await RoadmapStructureAPITests.document(app).fiches.map(\.code)
            // act
            let objective = await app.run(
                ["roadmap", "objective", Self.roadmap, "6", "--number", "7", "--title", "Inclusion", "--priority", "2"])
            let noPriority = await app.run(["roadmap", "objective", Self.roadmap, "7", "--no-priority"])
            let fiche = await app.run(["roadmap", "fiche", Self.roadmap, order[1], "--no-service", "--objective", "7"])
            let retitled = await app.run(["roadmap", "fiche", Self.roadmap, order[1], "--title", "Messagerie"])
            let moved = await app.run(["roadmap", "move-fiche", Self.roadmap, order[1], "haut"])
            // check
            #expect(objective.failure == nil)
            #expect(
                objective.output.contains(
                    "Objectif 6 de « \(Self.roadmap) » modifié : 7. Inclusion (priorité 2)."), "\(objective.output)")
            #expect(noPriority.output.contains("7. Inclusion (sans priorité)."), "\(noPriority.output)")
            #expect(fiche.output.contains("(sans service, objectif 7)."), "\(fiche.output)")
            #expect(retitled.output.contains("modifiée : Messagerie (sans service, objectif 7)."), "\(retitled.output)")
            #expect(moved.output.contains("Fiche « \(order[1]) » de « \(Self.roadmap) » montée d'un rang."))
            let document = try await RoadmapStructureAPITests.document(app)
            #expect(document.fiches.map(\.code).prefix(2) == [order[1], order[0]])
            #expect(document.fiches[0].objective == 7 && document.fiches[0].service == nil)
            #expect(document.objectives.contains { $0.number == 7 && $0.title == "Inclusion" && $0.priority == nil })
        }
    }

    @Test(arguments: TestDB.all)
    func refusalsAreFrenchWithAFailure(db: TestDB) async throws {
        try await RoadmapStructureAPITests.seeded(db) { app, _ in
            // setup
            let first = try #require(try await RoadmapStructureAPITests.document(app).fiches.first).code
            // act
            let taken = await app.run(["roadmap", "objective", Self.roadmap, "6", "--number", "1"])
            let both = await app.run(["roadmap", "objective", Self.roadmap, "6", "--priority", "1", "--no-priority"])
            let unreadable = await app.run(["roadmap", "objective", Self.roadmap, "six"])
            let unknownFiche = await app.run(["roadmap", "fiche", Self.roadmap, "NOPE", "--title", "X"])
            let top = await app.run(["roadmap", "move-fiche", Self.roadmap, first, "up"])
            let sideways = await app.run(["roadmap", "move-fiche", Self.roadmap, first, "gauche"])
            let unknownRoadmap = await app.run(["roadmap", "move-fiche", "inconnue", first, "down"])
            // check
            let runs = [taken, both, unreadable, unknownFiche, top, sideways, unknownRoadmap]
            #expect(runs.allSatisfy { $0.failure != nil })
            #expect(taken.output.contains("Erreur : L'objectif 1 existe déjà."), "\(taken.output)")
            #expect(both.output.contains("Choisissez --priority ou --no-priority, pas les deux."))
            #expect(unreadable.output.contains("Numéro d'objectif illisible « six »"))
            #expect(unknownFiche.output.contains("Fiche inconnue « NOPE »"))
            #expect(top.output.contains("est déjà la première"))
            #expect(sideways.output.contains("Sens de déplacement « gauche » inconnu"))
            #expect(unknownRoadmap.output.contains("Feuille de route inconnue « inconnue »"))
            #expect(try await RoadmapStructureAPITests.document(app).fiches.first?.code == first)
        }
    }
}
