import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

@Suite struct RoadmapDocumentServiceTests {
    static func exported(_ code: String, _ app: Application) async throws -> Data {
        let roadmap = try #require(try await RoadmapQuery.find(code: code, on: app.sql))
        return try await RoadmapDocumentService.document(roadmap, on: app.sql).encoded()
    }

    @Test(arguments: TestDB.all)
    func theRegionalPlanExportsAndReadsBackIntoAnEmptyDatabaseAsTheSameDocument(db: TestDB) async throws {
        // Setup: the 2023–2027 template written for the région, then exported.
        let (first, summary) = try await Seed.territoriesAndStructures(db) { app async throws in
            let summary = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("feuille-de-route-2023-2027", region: "R32", on: db, actor: .cli)
            }
            return (try await Self.exported("feuille-de-route-2023-2027-r32", app), summary)
        }
        #expect(summary.created && summary.objectives == 6 && summary.fiches >= 10 && summary.targets >= 7)
        let document = try RoadmapDocument.decode(first, file: "export.json")
        #expect(document.region == "R32" && document.status == "en_cours")
        #expect(document.objectives.map(\.priority) == [1, 1, 1, 2, 3, nil])
        let cyber = try #require(document.fiches.first { $0.code == "CYBER" })
        let target = try #require(cyber.indicators.first { $0.code == "I.1.1" }?.targets.first)
        #expect(target.due == "2023-05-31" && target.territory == nil)
        // Act: import into an empty database, twice, and export again.
        let (second, again) = try await Seed.territoriesAndStructures(db) { app async throws in
            _ = try await app.db.sqlTransaction { db in
                try await RoadmapDocumentService.write(document, file: "export.json", on: db, actor: .cli)
            }
            let again = try await app.db.sqlTransaction { db in
                try await RoadmapDocumentService.write(document, file: "export.json", on: db, actor: .cli)
            }
            return (try await Self.exported("feuille-de-route-2023-2027-r32", app), again)
        }
        // Check: the same bytes, and the second import changed nothing.
        #expect(String(decoding: second, as: UTF8.self) == String(decoding: first, as: UTF8.self))
        #expect(!again.created && again.structureWritten == 0 && again.indicatorsWritten == 0)
        #expect(again.targetsWritten == 0)
    }

    @Test(arguments: TestDB.all)
    func aFaultyDocumentIsRefusedWholeWithTheFileAndThePlace(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            var faulty = try RoadmapTemplate.document("feuille-de-route-2023-2027")
            faulty.fiches[0].actions[0].raci = [.init(partyKind: "organisation", party: "ARS", roles: "A/X")]
            let document = faulty
            let refused = await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await RoadmapDocumentService.write(
                        document, region: "R32", file: "plan.json", on: db, actor: .cli)
                }
            }
            #expect(
                refused?.message
                    == "plan.json, fiches[0].actions[0].raci[0].roles : rôle « X » inconnu dans « A/X » "
                    + "(R, A, C, I, ex. A/R).")
            // A fault found only while writing (a link to an indicator nobody defines) undoes it all.
            var unlinked = try RoadmapTemplate.document("feuille-de-route-2023-2027")
            unlinked.fiches[3].indicators.append(.init(code: "INCONNU-1"))
            let late = unlinked
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await RoadmapDocumentService.write(
                        late, region: "R32", file: "plan.json", on: db, actor: .cli)
                }
            }
            #expect(try await app.count("roadmaps") == 0)
            #expect(try await app.count("objectives") == 0)
            #expect(try await app.count("targets") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func pagesShowTheRoadmapAskedForAndTheCurrentOneByDefault(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            try await app.createRoadmap()
            _ = try await app.db.sqlTransaction { db in
                try await RoadmapTemplate.create("feuille-de-route-2023-2027", region: "R32", on: db, actor: .cli)
            }
            let closed = try await app.db.sqlTransaction { db in
                try await RoadmapService.update(
                    "segur-2021-2023-r32",
                    .init(
                        code: "", title: "Feuille de route Ségur 2021-2023", region: "R32", startOn: "2021-01-01",
                        endOn: "2023-12-31", status: "clôturée"), version: 1, on: db, actor: .cli)
            }
            #expect(closed.status == .closed && closed.version == 2)
            let current = try await app.get("/feuille-de-route")
            #expect(current.body.contains("<h1>Feuille de route régionale du numérique en santé 2023-2027"))
            #expect(current.body.contains("/feuille-de-route/fiches/CYBER?feuille=feuille-de-route-2023-2027-r32"))
            let asked = try await app.get("/feuille-de-route?feuille=segur-2021-2023-r32&date=2022-06-30")
            #expect(asked.body.contains("<h1>Feuille de route Ségur 2021-2023</h1>"))
            #expect(asked.body.contains("2021 – 2023, clôturée."))
            #expect(try await app.get("/feuille-de-route?feuille=inconnue").status == .notFound)
            let comparison = try await app.get("/feuille-de-route/comparaison?feuille=segur-2021-2023-r32")
            #expect(comparison.body.contains("<p>Feuille de route Ségur 2021-2023</p>"))
            let fiche = try await app.get("/feuille-de-route/fiches/CYBER")
            #expect(fiche.status == .ok && fiche.body.contains("I.1.1"))
            // The edit was audited with what changed.
            let history = try await app.count(
                "audit_events", where: "object_type = 'roadmap' AND summary = 'Feuille de route modifiée'")
            #expect(history == 1)
            // A stale version loses.
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in
                    try await RoadmapService.update(
                        "segur-2021-2023-r32",
                        .init(
                            code: "", title: "Autre titre", region: "R32", startOn: "2021-01-01", endOn: "2023-12-31",
                            status: "en_cours"), version: 1, on: db, actor: .cli)
                }
            }
        }
    }

    @Test(arguments: TestDB.all)
    func theCommandLineCreatesListsExportsImportsAndArchives(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            let created = await app.run([
                "roadmap", "create", "plan-2028-2032-r32", "--title", "Plan 2028-2032", "--start", "2028-01-01",
                "--end", "2032-12-31"
            ])
            #expect(created.failure == nil && created.output.contains("créée (en préparation)"))
            let template = await app.run(["roadmap", "template", "feuille-de-route-2023-2027", "--region", "R32"])
            #expect(template.failure == nil)
            let listed = await app.run(["roadmap", "list"])
            #expect(listed.output.contains("* feuille-de-route-2023-2027-r32"))
            #expect(listed.output.contains("  plan-2028-2032-r32\tPlan 2028-2032\t2028 – 2032\ten préparation"))
            let file = try app.temporaryFile("plan.json", "")
            let exported = await app.run(["roadmap", "export", "feuille-de-route-2023-2027-r32", "-o", file])
            #expect(exported.failure == nil)
            let imported = await app.run(["roadmap", "import", file])
            #expect(imported.failure == nil && imported.output.contains("mise à jour"))
            #expect(imported.output.contains("0 élément(s) de structure écrit(s)"))
            let shown = await app.run(["roadmap", "show", "feuille-de-route-2023-2027-r32"])
            #expect(shown.output.contains("Objectif 3 [priorité 1]") && shown.output.contains("Fiche CYBER"))
            let broken = try app.temporaryFile("casse.json", "{\"format\": \"jalon-feuille-de-route/1\"}")
            let refused = await app.run(["roadmap", "import", broken])
            #expect(refused.failure != nil && refused.output.contains("casse.json, code : champ obligatoire absent."))
            let archived = await app.run(["roadmap", "archive", "plan-2028-2032-r32"])
            #expect(archived.failure == nil)
            #expect(!(await app.run(["roadmap", "list"])).output.contains("plan-2028-2032-r32"))
            #expect((await app.run(["roadmap", "list", "--all"])).output.contains("en préparation, archivée"))
        }
    }

    @Test(arguments: TestDB.all)
    func theAPIWritesAndReadsTheDocument(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the template as a document without région.
            let document = try RoadmapTemplate.document("feuille-de-route-2023-2027")
            let json = { (document: RoadmapDocument) in ByteBuffer(data: try document.encoded()) }
            // Act: write it for R32, twice; read it back.
            let created = try await app.send(
                .POST, "/api/roadmaps?region=R32", headers: ["Content-Type": "application/json"],
                body: try json(document))
            let again = try await app.send(
                .POST, "/api/roadmaps?region=R32", headers: ["Content-Type": "application/json"],
                body: try json(document))
            let (status, raw) = try await app.getJSON("/api/roadmaps/feuille-de-route-2023-2027-r32")
            // Check: 201 then 200 with nothing written; the document read back is the export.
            #expect(created.status == .created, "\(created.body.string)")
            #expect(again.status == .ok && again.body.string.contains("\"structure_written\":0"))
            #expect(status == .ok && (raw as? [String: Any])?["region"] as? String == "R32")
            let (_, list) = try await app.getJSON("/api/roadmaps")
            #expect((list as? [[String: Any]])?.first?["current"] as? Bool == true)
            // A faulty document: 422 naming the place, nothing written.
            var faulty = document
            faulty.fiches[1].actions[0].calendar = [.init(period: "2024-S3", intensity: 1)]
            faulty.code = "autre-plan"
            let refused = try await app.send(
                .POST, "/api/roadmaps?region=R32", headers: ["Content-Type": "application/json"],
                body: try json(faulty))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("document, fiches[1].actions[0].calendar[0].period"))
            #expect(try await app.count("roadmaps") == 1)
            let garbage = try await app.send(
                .POST, "/api/roadmaps", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: "[1,"))
            #expect(garbage.status == .unprocessableEntity && garbage.body.string.contains("pas du JSON lisible"))
        }
    }
}
