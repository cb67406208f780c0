import Crypto
import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// The committee pack: generated from a validated photo, printed to PDF by the real headless Chromium,
/// frozen with its fingerprints, checked with poppler's `pdfinfo` and `pdftotext`.
@Suite struct PackServiceTests {
    /// A CRNS with a member and its 2022 meetings, two photos (O2-08 counts actions over the year: 3 in June,
    /// 8 in August once July's 5 are added),
    /// and a decision taken in March.
    static func withCRNS<T>(
        _ db: TestDB, _ body: (Application, [UUID], (UUID, UUID)) async throws -> T
    ) async throws -> T {
        try await Seed.territoriesAndStructures(db) { app async throws in
            try await app.createRoadmap()
            let pilote = try await app.signIn(.pilote)
            #expect(try await SnapshotValidationTests.value(app, "2022-05", "3", as: pilote).status == .ok)
            let june = try await app.db.sqlTransaction { db in
                try await SnapshotService.validate(
                    name: "CRNS de juillet 2022", at: Day(2022, 6, 30), territory: "R32", couloir: nil, on: db,
                    actor: .cli)
            }
            #expect(try await SnapshotValidationTests.value(app, "2022-07", "5", as: pilote).status == .ok)
            let august = try await app.db.sqlTransaction { db in
                try await SnapshotService.validate(
                    name: "CRNS de novembre 2022", at: Day(2022, 8, 31), territory: "R32", couloir: nil, on: db,
                    actor: .cli)
            }
            let meetings = try await app.db.sqlTransaction { db in
                _ = try await DirectoryService.saveOrganisation(
                    .init(code: "ARS-TEST", name: "ARS de test", kind: "ars"), on: db, actor: .cli)
                let member = try await DirectoryService.createContact(
                    .init(
                        firstName: "Camille", lastName: "Exemple", function: "Chargée de mission",
                        organisation: "ARS-TEST", email: "camille.exemple@test.invalid"), on: db, actor: .cli)
                let code = try await CommitteeService.create(
                    .init(
                        name: "Comité régional du numérique en santé", kind: "crns", frequency: "3 par an",
                        agendaTemplate: "20 min | Introduction | ARS\n40 min | Suivi des indicateurs | GRADeS",
                        code: "crns"), on: db, actor: .cli)
                try await CommitteeService.setMember(code, contact: member, role: "président", on: db, actor: .cli)
                try await CommitteeService.planYear(code, year: 2022, on: db, actor: .cli)
                let meetings = try await MeetingQuery.meetings(year: 2022, on: db).map(\.id)
                try await MeetingService.addDecision(
                    meetings[0], .init(text: "Relancer les EHPAD sans DUI", owner: "GRADeS"), on: db, actor: .cli)
                return meetings
            }
            return try await body(app, meetings, (june, august))
        }
    }

    static func renderer(_ app: Application) -> PDFRenderer { PDFRenderer(config: app.config) }

    static func tool(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self)
    }

    static func write(_ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString).pdf").path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: TestDB.all)
    func aCommitteeFollowingAFicheGetsItsIndicatorsOnly(db: TestDB) async throws {
        try await Self.withCRNS(db) { app, meetings, photos async throws in
            // Setup: the fiche of O2-08, and an indicator of another fiche.
            let photo = try #require(try await SnapshotService.find(photos.0, on: app.sql))
            let fiche = try #require(photo.rows.first { $0.code == "O2-08" }?.fiche)
            let other = try #require(photo.rows.first { $0.fiche != fiche }?.code)
            let indicators = PackTemplate(sections: [.indicators])
            let before = try await PackService.generate(
                meeting: meetings[1], photo: photos.0, template: indicators, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            // Act
            try await app.db.sqlTransaction { db in
                try await CommitteeService.follow("crns", fiche: fiche, on: db, actor: .cli)
            }
            let after = try await PackService.generate(
                meeting: meetings[1], photo: photos.0, template: indicators, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            // Check
            let all = String(
                decoding: try #require(try await PackQuery.file(before, .html, on: app.sql)), as: UTF8.self)
            let followed = String(
                decoding: try #require(try await PackQuery.file(after, .html, on: app.sql)), as: UTF8.self)
            #expect(all.contains(">\(other)<") && all.contains(">O2-08<"))
            #expect(followed.contains(">O2-08<") && !followed.contains(">\(other)<"))
            let page = try await app.get("/comites/crns")
            #expect(page.body.contains("Ne plus suivre la fiche \(fiche)"))
            let refused = try await app.post("/comites/crns", form: [("section", "follow"), ("fiche", "ZZZ")])
            #expect(refused.status == .unprocessableEntity && refused.body.contains("Fiche inconnu(e) « ZZZ »"))
        }
    }

    @Test(arguments: TestDB.all)
    func aPackIsPrintedFrozenAndRegeneratedIdentically(db: TestDB) async throws {
        try await Self.withCRNS(db) { app, meetings, photos async throws in
            let july = meetings[1]
            let template = PackTemplate(sections: PackSection.allCases, focus: ["O2-08"])
            // Act: generate, then again from the same photo.
            let pack = try await PackService.generate(
                meeting: july, photo: photos.0, template: template, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            let again = try await PackService.generate(
                meeting: july, photo: photos.0, template: template, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            let stored = try #require(try await PackQuery.find(pack, on: app.sql))
            let pdf = try #require(try await PackQuery.file(pack, .pdf, on: app.sql))
            let html = try #require(try await PackQuery.file(pack, .html, on: app.sql))
            let xlsx = try #require(try await PackQuery.file(pack, .xlsx, on: app.sql))
            let path = try Self.write(pdf)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let info = try Self.tool("pdfinfo", [path])
            let text = try Self.tool("pdftotext", ["-layout", path, "-"])
            let photo = try #require(try await SnapshotService.find(photos.0, on: app.sql))
            // Check: frozen with both fingerprints, once.
            #expect(again == pack)
            #expect(try await app.count("committee_packs") == 1)
            #expect(stored.snapshotSha256 == photo.sha256)
            #expect(stored.htmlSha256 == SHA256.hash(data: html).hexString)
            #expect(stored.pdfSha256 == SHA256.hash(data: pdf).hexString)
            // The PDF: title, one page per section at least, outline, selectable text, vector charts.
            #expect(info.contains("Title:           Dossier de séance — Comité régional du numérique en santé"))
            #expect(info.contains("Pages:           \(stored.pages)"))
            #expect(stored.pages >= PackSection.allCases.count)
            #expect(pdf.range(of: Data("/Outlines".utf8)) != nil)
            #expect(pdf.range(of: Data("/Subtype /Image".utf8)) == nil)
            for title in ["Ordre du jour", "Objectif 2", "Focus — O2-08", "Relevé de décisions", "Vos interlocuteurs"] {
                #expect(text.contains(title), "section « \(title) » absente du PDF")
            }
            #expect(text.contains("12 juillet 2022"))
            #expect(text.contains("Relancer les EHPAD sans DUI"))
            #expect(text.contains("camille.exemple@test.invalid"))
            // O2-08 as validated in June: 3.
            let line = try #require(text.split(separator: "\n").first { $0.contains("O2-08") && !$0.contains("Focus") })
            #expect(line.contains(" 3 "))
            // The tables, for those who rebuild a slide.
            #expect(try XLSXReader.sheetNames(xlsx).contains("Objectif 2"))
            // The committee keeps the choice as its template.
            #expect(try await CommitteeQuery.find("crns", on: app.sql)?.packTemplate == template)
        }
    }

    @Test(arguments: TestDB.all)
    func theNextPackShowsWhatChangedSinceThePreviousCommitteesPhoto(db: TestDB) async throws {
        try await Self.withCRNS(db) { app, meetings, photos async throws in
            let template = PackTemplate(sections: [.cover, .changes])
            // Setup: the July meeting's pack from the June photo.
            try await PackService.generate(
                meeting: meetings[1], photo: photos.0, template: template, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            // Act: November's, from the August photo; two requests at once.
            async let first = PackService.generate(
                meeting: meetings[2], photo: photos.1, template: template, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            async let second = PackService.generate(
                meeting: meetings[2], photo: photos.1, template: template, on: app.db, renderer: Self.renderer(app),
                actor: .cli)
            let (one, two) = try await (first, second)
            let model = try await CommitteePack.query(
                meeting: meetings[2], photo: photos.1, template: template,
                publicDirectory: app.config.publicDirectory, on: app.sql)
            let text = try Self.tool(
                "pdftotext",
                ["-layout", try Self.write(try #require(try await PackQuery.file(one, .pdf, on: app.sql))), "-"])
            // Check: printed once; O2-08 went from 3 to 8.
            #expect(one == two)
            #expect(try await app.count("committee_packs") == 2)
            let change = try #require(model.previous?.changes.changed.first { $0.code == "O2-08" })
            #expect(change.valueBefore == "3" && change.valueAfter == "8")
            #expect(text.contains("Évolutions depuis le comité précédent"))
        }
    }

    @Test(arguments: TestDB.all)
    func withoutChromiumTheRefusalIsFrenchAndNothingIsStored(db: TestDB) async throws {
        try await Self.withCRNS(db) { app, meetings, photos async throws in
            var renderer = Self.renderer(app)
            renderer.executable = nil
            let refused = await #expect(throws: ServiceError.self) {
                try await PackService.generate(
                    meeting: meetings[1], photo: photos.0, template: .standard, on: app.db, renderer: renderer,
                    actor: .cli)
            }
            #expect(refused?.status == .serviceUnavailable)
            #expect(refused?.message.hasPrefix("Chromium est introuvable") == true)
            #expect(try await app.count("committee_packs") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func aLecteurDownloadsThePackButCannotGenerateOne(db: TestDB) async throws {
        try await Self.withCRNS(db) { app, meetings, photos async throws in
            let id = meetings[1].uuidString.lowercased()
            let lecteur = try await app.signIn(.lecteur)
            let pilote = try await app.signIn(.pilote)
            // Act: the pilote generates through the meeting page's form.
            let generated = try await app.post(
                SiteURL.meetingPacks(id).path,
                form: [
                    ("photo", photos.0.uuidString), ("position_couverture", "1"), ("position_indicateurs", "2"),
                    ("focus", "")
                ], as: pilote)
            let refused = try await app.post(
                SiteURL.meetingPacks(id).path, form: [("position_couverture", "1")], as: lecteur)
            let pack = try #require(try await PackQuery.packs(of: meetings[1], on: app.sql).first)
            let download = try await app.send(
                .GET, SiteURL.meetingPack(id, pack.id.uuidString.lowercased(), .pdf).path, as: lecteur)
            let page = try await app.get(SiteURL.meeting(id).path, as: lecteur)
            // Check
            #expect(generated.status == .seeOther)
            #expect(refused.status == .forbidden)
            #expect(pack.sections == "couverture, indicateurs")
            #expect(download.status == .ok && download.headers.contentType == .pdf)
            #expect(download.headers.first(name: "X-Content-SHA256") == pack.pdfSha256)
            #expect(page.body.contains("Tableaux XLSX"))
        }
    }
}
