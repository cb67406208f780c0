import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite(.serialized) struct ObservationImportTests {
    static let first = """
        Indicateur;Territoire;Période;Valeur;Numérateur;Dénominateur;Source
        DMP-ALIM;D59;déc. 2021;;1 000;10 000;CNAM
        DMP-ALIM;D62;2021-12;7,80 %;;;CNAM
        DMP-ALIM;R99;2021-12;5 %;;;CNAM
        DMP-ALIM;D59;2021-13;5 %;;;CNAM
        DMP-ALIM;D59;2022-01;douze;;;CNAM
        DMP-ALIM;D59;12/2150;9 %;;;CNAM
        INCONNU;D59;2021-12;5 %;;;CNAM
        DMP-ALIM;D62;T1 2022;ND;;;CNAM

        """

    static func run<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await Seed.dmpIndicator(db, body)
    }

    @Test(arguments: TestDB.all)
    func previewListsEverythingAndWritesNothing(db: TestDB) async throws {
        try await Self.run(db) { app in
            let data = Self.first.data(using: .isoLatin1)!
            let report = try await ImportKind.observations.run(
                ImportFile(name: "dmp.csv", data: data), mode: .preview, on: app.sql, actor: .system)
            #expect(report.read == 8)
            #expect(report.created == 3)
            #expect(report.rejected.map(\.line) == [4, 5, 6, 7, 8])
            #expect(report.rejected.map(\.field) == ["territoire", "periode", "valeur", "periode", "indicateur"])
            #expect(report.rejected[1].reason.contains("Période illisible « 2021-13 »"))
            #expect(report.rejected[3].reason.contains("« 12/2150 »"), "\(report.rejected[3].reason)")
            #expect(try await app.count("observations") == 0)
            #expect(try await app.count("import_batches") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func commitIsABatchReimportChangesNothingAndUndoRestoresExactly(db: TestDB) async throws {
        try await Self.run(db) { app in
            // act: first import
            let one = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(
                    ImportFile(name: "dmp.csv", data: Data(Self.first.utf8)), mode: .commit, on: db, actor: .cli)
            }
            let batch1 = try #require(one.batch)
            #expect(one.created == 3)
            #expect(try await app.count("observations", where: "batch_id = \(bind: batch1)") == 3)
            #expect(try await app.count("observations", where: "not_provided = \(bind: true)") == 1)
            let nord = try await app.progress("DMP-ALIM", "D59", at: "2022-01-01")
            #expect(nord.progress.value == 0.1)
            #expect(nord.series.provenance.contains("import dmp.csv #"))
            // act: the same file again changes nothing and records no batch
            let again = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(
                    ImportFile(name: "dmp.csv", data: Data(Self.first.utf8)), mode: .commit, on: db, actor: .cli)
            }
            #expect(again.changes == 0 && again.unchanged == 3 && again.batch == nil)
            #expect(again.text.contains("Aucun changement"))
            #expect(try await app.count("import_batches") == 1)
            // act: a correction, gzipped
            let correction =
                "indicateur,territoire,periode,valeur\nDMP-ALIM,D59,2021-12,12.5%\nDMP-ALIM,D59,2022-01,13%\n"
            let two = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(
                    ImportFile(name: "correction.csv.gz", data: Self.gzip(Data(correction.utf8))), mode: .commit,
                    on: db, actor: .cli)
            }
            let batch2 = try #require(two.batch)
            #expect(two.updated == 1 && two.created == 1)
            #expect(
                try await app.progress("DMP-ALIM", "D59", at: "2022-01-01").progress.value == 0.125)
            // act: undo the correction → the first import's value is back, exactly
            let found = try #require(try await ImportBatch.find(String(batch2.uuidString.prefix(8)), on: app.sql))
            let undone = try await app.db.sqlTransaction { db in
                try await found.undo(on: db, actor: .cli)
            }
            #expect(undone.restored == 1 && undone.deleted == 1)
            let back = try await app.progress("DMP-ALIM", "D59", at: "2022-02-01")
            #expect(back.progress.value == 0.1)
            #expect(back.series.provenance.contains("import dmp.csv #\(batch1.uuidString.prefix(8).lowercased())"))
            #expect(try await app.count("observations", where: "batch_id = \(bind: batch1)") == 3)
            await #expect(throws: ServiceError.self) {
                try await app.db.sqlTransaction { db in try await found.undo(on: db, actor: .cli) }
            }
            // act: undo the first import → nothing left
            let first = try #require(try await ImportBatch.find(batch1.uuidString, on: app.sql))
            _ = try await app.db.sqlTransaction { db in try await first.undo(on: db, actor: .cli) }
            #expect(try await app.count("observations") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func aFileWithoutItsColumnsIsRefusedWhole(db: TestDB) async throws {
        try await Self.run(db) { app in
            for (content, message) in [
                ("indicateur;territoire;valeur\nDMP-ALIM;D59;5\n", "colonne « periode » absente"),
                ("", "fichier vide"),
                ("indicateur;periode;territoire;valeur\n\"DMP-ALIM;2021-12;D59;5\n", "guillemet jamais refermé")
            ] {
                do {
                    _ = try await app.db.sqlTransaction { db in
                        try await ImportKind.observations.run(
                            ImportFile(name: "x.csv", data: Data(content.utf8)), mode: .commit, on: db, actor: .cli)
                    }
                    Issue.record("« \(message) » attendu")
                } catch let e as ServiceError {
                    #expect(e.message.hasPrefix("x.csv"))
                    #expect(e.message.contains(message), "\(e.message)")
                }
            }
            #expect(try await app.count("observations") == 0)
        }
    }

    static func gzip(_ data: Data) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.csv")
        try data.write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-n", file.path]
        try p.run()
        p.waitUntilExit()
        return try Data(contentsOf: dir.appendingPathComponent("f.csv.gz"))
    }
}

extension ObservationImportTests {
    @Test(arguments: TestDB.all)
    func apiTakesAMultipartUploadAndPreviewsWithoutWriting(db: TestDB) async throws {
        try await Self.run(db) { app in
            let boundary = "----jalon"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dmp.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(Self.first)\r\n--\(boundary)--\r\n"
            let r = try await app.send(
                .POST, "/api/imports?dry_run=true",
                headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: body))
            #expect(r.status == .ok)
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
            #expect(json["file"] as? String == "dmp.csv")
            #expect(json["dry_run"] as? Bool == true)
            #expect(json["created"] as? Int == 3)
            #expect((json["rejected"] as? [[String: Any]])?.count == 5)
            #expect(try await app.count("observations") == 0)
            let (status, _) = try await app.getJSON("/api/imports/0000000000")
            #expect(status == .notFound)
        }
    }
}

extension ObservationImportTests {
    @Test(arguments: TestDB.all)
    func pagesUploadPreviewValidateAndUndo(db: TestDB) async throws {
        try await Self.run(db) { app in
            let boundary = "----jalonpage"
            let body =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dmp.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(Self.first)\r\n--\(boundary)--\r\n"
            let preview = try await app.send(
                .POST, "/imports", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                body: ByteBuffer(string: body))
            #expect(preview.status == .ok)
            let html = preview.body.string
            #expect(html.contains("Aperçu : dmp.csv") && html.contains("Rien n&#39;est encore écrit"))
            #expect(html.contains("Territoire inconnu « R99 »"))
            #expect(try await app.count("observations") == 0)
            let action = try #require(
                html.range(of: "action=\"/imports/apercus/").map { String(html[$0.upperBound...].prefix(36)) })
            let committed = try await app.post("/imports/apercus/\(action)", form: [])
            #expect(committed.status == .seeOther)
            #expect(try await app.count("observations") == 3)
            #expect(try await app.count("import_uploads") == 0)
            let list = try await app.get("/imports")
            #expect(list.body.contains("dmp.csv") && list.body.contains("Validé"))
            let batch = try #require(try await ImportBatch.all(on: app.sql).first)
            let undone = try await app.post("/imports/lots/\(batch.id.uuidString.lowercased())/annuler", form: [])
            #expect(undone.status == .seeOther)
            #expect(try await app.count("observations") == 0)
            #expect(try await app.get("/imports").body.contains("Annulé"))
            #expect(try await app.post("/imports/apercus/\(action)", form: []).status == .notFound)
        }
    }
}

extension ObservationImportTests {
    @Test(arguments: TestDB.all)
    func exportReadsBackUnchangedAndNeutralisesFormulas(db: TestDB) async throws {
        try await Self.run(db) { app in
            _ = try await app.db.sqlTransaction { db in
                try await ImportKind.observations.run(
                    ImportFile(name: "dmp.csv", data: Data(Self.first.utf8)), mode: .commit, on: db, actor: .cli)
            }
            _ = try await app.observe([
                .init(
                    indicator: "DMP-ALIM", territory: "D59", period: "2022-03", value: "0,1",
                    source: "=HYPERLINK(\"x\")", comment: "@SUM(A1)")
            ])
            let csv = try await app.get("/exports/observations.csv?indicateur=DMP-ALIM")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("\u{FEFF}indicateur;libelle;territoire;structure;couloir;periode;valeur"))
            #expect(csv.body.contains(";0,1;"))
            #expect(csv.body.contains(";ND;"))
            #expect(csv.body.contains("'=HYPERLINK") && csv.body.contains(";'@SUM(A1);"))
            // Read back: nothing changes.
            let data = Data(csv.body.utf8)
            let report = try await ImportKind.observations.run(
                ImportFile(name: "observations.csv", data: data), mode: .preview, on: app.sql, actor: .system)
            #expect(report.rejected.isEmpty, "\(report.rejected)")
            #expect(report.unchanged == 4 && report.changes == 0)
            // Filtered by territory: the Pas-de-Calais only.
            let pdc = try await app.get("/exports/observations.csv?territoire=D62")
            #expect(pdc.body.contains(";D62;") && !pdc.body.contains(";D59;"))
            // The steering table at a date.
            try await app.createRoadmap()
            let progress = try await app.get("/exports/avancement.csv?date=2022-06-30&territoire=R32")
            #expect(
                progress.body.hasPrefix(
                    "\u{FEFF}objectif;fiche;indicateur;libelle;couloir;cible;echeance;valeur;date_valeur;"
                        + "realisation;statut;evolution_periode;evolution_un_an;evolution_reference\r\n"))
            #expect(progress.body.contains(";O2-01;"))
        }
    }
}

extension ObservationImportTests {
    @Test(arguments: TestDB.all)
    func targetsImportPreviewsCommitsAndUndoesExactly(db: TestDB) async throws {
        try await Self.run(db) { app in
            try await app.setTarget(.init(indicator: "DMP-ALIM", territory: "D59", due: "mi-2022", target: "9 %"))
            let csv = """
                indicateur;territoire;couloir;échéance;cible;référence;date_reference
                DMP-ALIM;D59;;mi-2022;9,85 %;5 %;fin 2021
                DMP-ALIM;D62;TOUS;T4 2022;12 %;;
                DMP-ALIM;D62;;demain;12 %;;
                DMP-ALIM;D99;;fin 2022;12 %;;

                """
            let preview = try await ImportKind.targets.run(
                ImportFile(name: "cibles.csv", data: Data(csv.utf8)), mode: .preview, on: app.sql, actor: .system)
            #expect(preview.created == 1 && preview.updated == 1)
            #expect(preview.rejected.map(\.field) == ["echeance", "territoire"])
            #expect(
                try await ProgressQuery.targets(
                    "DMP-ALIM", territory: "D59", couloir: .tous, roadmap: nil, on: app.sql
                ).first?.value
                    == .number(0.09))
            let report = try await app.db.sqlTransaction { db in
                try await ImportKind.targets.run(
                    ImportFile(name: "cibles.csv", data: Data(csv.utf8)), mode: .commit, on: db, actor: .cli)
            }
            let batch = try #require(report.batch)
            let nord = try await ProgressQuery.targets(
                "DMP-ALIM", territory: "D59", couloir: .tous, roadmap: nil, on: app.sql)
            #expect(
                nord == [
                    TargetPoint(
                        due: Day(2022, 6, 30), value: .number(0.0985), baseline: 0.05, baselineDate: Day(2021, 12, 31))
                ])
            let again = try await app.db.sqlTransaction { db in
                try await ImportKind.targets.run(
                    ImportFile(name: "cibles.csv", data: Data(csv.utf8)), mode: .commit, on: db, actor: .cli)
            }
            #expect(again.changes == 0 && again.batch == nil)
            // Undo: the Nord's previous target is back exactly, the Pas-de-Calais' new one is gone.
            let found = try #require(try await ImportBatch.find(batch.uuidString, on: app.sql))
            #expect(found.kind == "targets")
            let undone = try await app.db.sqlTransaction { db in
                try await found.undo(on: db, actor: .cli)
            }
            #expect(undone.restored == 1 && undone.deleted == 1)
            #expect(
                try await ProgressQuery.targets("DMP-ALIM", territory: "D59", couloir: .tous, roadmap: nil, on: app.sql)
                    == [
                        TargetPoint(due: Day(2022, 6, 30), value: .number(0.09))
                    ])
            #expect(
                try await ProgressQuery.targets("DMP-ALIM", territory: "D62", couloir: .tous, roadmap: nil, on: app.sql)
                    .isEmpty)
            // Through the API.
            let r = try await app.send(
                .POST, "/api/imports?kind=targets&dry_run=true&file=cibles.csv", headers: ["Content-Type": "text/csv"],
                body: ByteBuffer(string: csv))
            #expect(r.status == .ok)
            #expect(r.body.string.contains("\"updated\":1"))
        }
    }
}

extension ObservationImportTests {
    /// Hostile files: a 1 MB line, binary junk, unbalanced quotes, formula-like cells — clear French
    /// refusals or rejections, nothing written, nothing executed.
    @Test(arguments: TestDB.all)
    func hostileFilesAreRefusedOrRejectedCleanly(db: TestDB) async throws {
        try await Self.run(db) { app in
            let long =
                "indicateur;territoire;periode;valeur\nDMP-ALIM;D59;2022-05;" + String(repeating: "9", count: 1_048_576)
                + "\n"
            let report = try await ImportKind.observations.run(
                ImportFile(name: "long.csv", data: Data(long.utf8)), mode: .preview, on: app.sql, actor: .system)
            #expect(report.rejected.map(\.field) == ["valeur"])
            var junk = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ 11) })
            junk.insert(contentsOf: [0x00, 0xFF, 0xFE], at: 0)
            await #expect(throws: ServiceError.self) {
                _ = try await ImportKind.observations.run(
                    ImportFile(name: "junk.bin", data: junk), mode: .preview, on: app.sql, actor: .system)
            }
            let gzipMagicThenJunk = Data([0x1F, 0x8B, 0x08, 0x00]) + junk
            await #expect(throws: ServiceError.self) {
                _ = try await ImportKind.observations.run(
                    ImportFile(name: "faux.csv.gz", data: gzipMagicThenJunk), mode: .preview, on: app.sql,
                    actor: .system)
            }
            let formulas =
                "indicateur;territoire;periode;valeur;source\n=HYPERLINK(\"x\");D59;2022-05;1;x\n"
                + "DMP-ALIM;@SUM(A1);2022-05;1;x\nDMP-ALIM;D59;2022-05;+1;-cmd\n"
            let f = try await ImportKind.observations.run(
                ImportFile(name: "formules.csv", data: Data(formulas.utf8)), mode: .preview, on: app.sql, actor: .system
            )
            #expect(f.rejected.map(\.field) == ["indicateur", "territoire"])
            #expect(f.created == 1)
            #expect(try await app.count("observations") == 0)
        }
    }
}
