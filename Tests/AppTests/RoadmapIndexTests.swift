import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite struct RoadmapIndexTests {
    @Test(arguments: TestDB.all)
    func aPiloteWritesTheRegionsRoadmapFromThePages(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            let page = "/feuille-de-route/gestion"
            // Act: from the 2023–2027 template, then an empty roadmap completed with an objective and a fiche.
            let fromTemplate = try await app.post(
                page, form: [("section", "template"), ("template", "feuille-de-route-2023-2027"), ("region", "R32")])
            let empty = try await app.post(
                page,
                form: [
                    ("section", "create"), ("code", "plan-2028-2032-r32"), ("title", "Plan 2028-2032"),
                    ("region", "R32"), ("start", "2028-01-01"), ("end", "2032-12-31"), ("status", "en_preparation")
                ])
            let objective = try await app.post(
                page,
                form: [
                    ("section", "objective"), ("roadmap", "plan-2028-2032-r32"), ("number", "1"),
                    ("title", "Services socles"), ("priority", "1")
                ])
            let fiche = try await app.post(
                page,
                form: [
                    ("section", "fiche"), ("roadmap", "plan-2028-2032-r32"), ("code", ""),
                    ("title", "Ordonnance numérique"),
                    ("objective", "1")
                ])
            // Check: each write landed, is listed, and is audited; the new fiche opens in its roadmap.
            #expect([fromTemplate.status, empty.status, objective.status, fiche.status].allSatisfy { $0 == .seeOther })
            let listed = try await app.get(page).body
            #expect(listed.contains("Plan 2028-2032") && listed.contains("Services socles (priorité 1)"))
            #expect(listed.contains("en cours aujourd&#39;hui"))
            let plan = try #require(try await RoadmapQuery.find(code: "plan-2028-2032-r32", on: app.sql))
            let ficheCode = try await RoadmapDocumentService.document(plan, on: app.sql).fiches.first?.code ?? ""
            #expect(ficheCode == "ORDONNANCE-NUMERIQUE")
            let shown = try await app.get("/feuille-de-route/fiches/\(ficheCode)?feuille=plan-2028-2032-r32")
            #expect(shown.status == .ok && shown.body.contains("Fiche synthèse — Ordonnance numérique"))
            #expect(
                try await app.count(
                    "audit_events", where: "object_type = 'roadmap' AND object_id = 'plan-2028-2032-r32'")
                    == 3)
            // A repeated objective is refused with a French message; a stale status form loses.
            let again = try await app.post(
                page,
                form: [
                    ("section", "objective"), ("roadmap", "plan-2028-2032-r32"), ("number", "1"), ("title", "Autre")
                ])
            #expect(again.status == .conflict && again.body.contains("L&#39;objectif 1 existe déjà"))
            let closed = try await app.post(
                page,
                form: [
                    ("section", "status"), ("roadmap", "plan-2028-2032-r32"), ("status", "cloturee"), ("version", "1")
                ])
            #expect(closed.status == .seeOther)
            let renamed = try await app.post(
                page,
                form: [
                    ("section", "status"), ("roadmap", "plan-2028-2032-r32"), ("title", "Plan régional 2028-2033"),
                    ("end", "2033-12-31"), ("status", "cloturee"), ("version", "2")
                ])
            #expect(renamed.status == .seeOther)
            let edited = try #require(try await RoadmapQuery.find(code: "plan-2028-2032-r32", on: app.sql))
            #expect(edited.name == "Plan régional 2028-2033" && edited.endOn == "2033-12-31" && edited.version == 3)
            let backwards = try await app.post(
                page,
                form: [
                    ("section", "status"), ("roadmap", "plan-2028-2032-r32"), ("end", "2020-01-01"),
                    ("status", "cloturee"), ("version", "3")
                ])
            #expect(backwards.status == .unprocessableEntity && backwards.body.contains("la fin précède le début"))
            let stale = try await app.post(
                page,
                form: [
                    ("section", "status"), ("roadmap", "plan-2028-2032-r32"), ("status", "en_cours"), ("version", "1")
                ])
            #expect(stale.status == .conflict)
            #expect(try await RoadmapQuery.find(code: "plan-2028-2032-r32", on: app.sql)?.status == .closed)
        }
    }

    @Test(arguments: TestDB.all)
    func objectivesAndFichesAreEditedRenumberedAndReordered(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the 2023–2027 template for the région.
            let page = "/feuille-de-route/gestion"
            let roadmap = "feuille-de-route-2023-2027-r32"
            _ = try await app.post(
                page, form: [("section", "template"), ("template", "feuille-de-route-2023-2027"), ("region", "R32")])
            func version() async throws -> String {
                "\(try #require(try await RoadmapQuery.find(code: roadmap, on: app.sql)).version)"
            }
            func order() async throws -> [String] {
                let plan = try #require(try await RoadmapQuery.find(code: roadmap, on: app.sql))
                return try await RoadmapDocumentService.document(plan, on: app.sql).fiches.map(\.code)
            }
            let before = try await order()
            // Act: objective 6 renumbered 7 with a priority; the second fiche retitled with a service and moved up.
            let objective = try await app.post(
                page,
                form: [
                    ("section", "objective-edit"), ("roadmap", roadmap), ("version", try await version()),
                    ("objective", "6"), ("number", "7"), ("title", "Réduire la fracture numérique"), ("priority", "3")
                ])
            let fiche = try await app.post(
                page,
                form: [
                    ("section", "fiche-edit"), ("roadmap", roadmap), ("version", try await version()),
                    ("code", before[1]), ("title", "Messagerie sécurisée"), ("service", "MSS"), ("objective", "1")
                ])
            let moved = try await app.post(
                page,
                form: [
                    ("section", "fiche-move"), ("roadmap", roadmap), ("version", try await version()),
                    ("code", before[1]), ("offset", "-1")
                ])
            // Check: written, the order changed, audited before → after.
            #expect([objective.status, fiche.status, moved.status].allSatisfy { $0 == .seeOther })
            let after = try await order()
            #expect(after[0] == before[1] && after[1] == before[0] && after.count == before.count)
            let plan = try #require(try await RoadmapQuery.find(code: roadmap, on: app.sql))
            let document = try await RoadmapDocumentService.document(plan, on: app.sql)
            #expect(document.objectives.contains { $0.number == 7 && $0.priority == 3 })
            #expect(!document.objectives.contains { $0.number == 6 })
            #expect(document.fiches[0].title == "Messagerie sécurisée" && document.fiches[0].service == "MSS")
            let listed = try await app.get(page).body
            #expect(listed.contains("7. Réduire la fracture numérique — priorité 3"))
            #expect(
                try await app.count("audit_events", where: "object_id = \(bind: roadmap) AND summary LIKE '%déplacée%'")
                    == 1)
            // Check: a stale form loses, the first fiche cannot go up, a taken number is refused.
            let stale = try await app.post(
                page,
                form: [
                    ("section", "fiche-move"), ("roadmap", roadmap), ("version", "1"), ("code", after[1]),
                    ("offset", "1")
                ])
            #expect(stale.status == .conflict)
            let first = try await app.post(
                page,
                form: [
                    ("section", "fiche-move"), ("roadmap", roadmap), ("version", try await version()),
                    ("code", after[0]), ("offset", "-1")
                ])
            #expect(first.status == .unprocessableEntity && first.body.contains("est déjà la première"))
            let taken = try await app.post(
                page,
                form: [
                    ("section", "objective-edit"), ("roadmap", roadmap), ("version", try await version()),
                    ("objective", "7"), ("number", "1"), ("title", "Doublon")
                ])
            #expect(taken.status == .conflict && taken.body.contains("L&#39;objectif 1 existe déjà"))
            #expect(try await order() == after)
        }
    }
}
