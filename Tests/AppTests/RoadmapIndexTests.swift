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
}
