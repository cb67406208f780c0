import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Concurrent edits of the same object: the second writer, on a stale form, is refused in French.
@Suite struct OptimisticVersionTests {
    @Test(arguments: TestDB.all)
    func aStaleFormLosesToTheEditThatLandedFirst(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let page = try await app.get("/feuille-de-route/fiches/DMP")
            let version = try #require(page.body.firstMatch(of: /name="version" value="(\d+)"/)).1
            #expect(
                try await app.post(
                    "/feuille-de-route/fiches/DMP",
                    form: [("section", "texts"), ("version", String(version)), ("objectives", "Premier")]
                ).status == .seeOther)
            let stale = try await app.post(
                "/feuille-de-route/fiches/DMP",
                form: [("section", "texts"), ("version", String(version)), ("objectives", "Second")])
            #expect(
                stale.status == .conflict
                    && stale.body.contains("La fiche a été modifié(e) par quelqu&#39;un d&#39;autre"))
            #expect(try await app.get("/feuille-de-route/fiches/DMP").body.contains("Premier"))

            let task = try await app.db.sqlTransaction { db in
                try await TaskService.create(
                    .init(title: "Relancer l'éditeur", assignee: "", due: "", action: ""), on: db, actor: .system
                ).uuidString.lowercased()
            }
            #expect(
                try await app.post("/taches/\(task)/statut", form: [("status", "en_cours"), ("version", "1")]).status
                    == .seeOther)
            let moved = try await app.post("/taches/\(task)/statut", form: [("status", "fait"), ("version", "1")])
            #expect(moved.status == .conflict && moved.body.contains("rien n&#39;a été enregistré"))
            #expect(try await app.count("tasks", where: "status = 'en_cours'") == 1)
        }
    }
}
