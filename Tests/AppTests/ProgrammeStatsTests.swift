import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// Seed 000's SUN-ES window 1, rebuilt from applications: 235 hospitals, 86 candidates (77 validated, 9
/// refused), and per domain the eligible, filed and validated counts and rates the CRNS deck prints; the
/// validated ones per legal status and for the TAN Littoral.
@Suite struct ProgrammeStatsTests {
    /// 235 fictitious hospitals (category 355): S1…S6 in the TAN Littoral, the others in Lille.
    static func hospitals() -> Data {
        var lines = ["finess;etalab;111;2026-05-12"]
        for number in 1...235 {
            let (commune, department, city) = number <= 6 ? ("160", "62", "62100 CALAIS") : ("350", "59", "59000 LILLE")
            lines.append(
                [
                    "structureet", et(number), ej(number), "CH FICTIF \(number)", "CENTRE HOSPITALIER FICTIF \(number)",
                    "", "", "1", "RUE", "DE LA PAIX", "", "", commune, department, "", city, "", "", "355",
                    "Centre Hospitalier (C.H.)", "1102", "Centres Hospitaliers", "", "", "03", "ARS", "1", "",
                    "2000-01-01", "2000-01-01", "2024-01-01", ""
                ].joined(separator: ";"))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func et(_ number: Int) -> String { String(format: "5910%05d", number) }
    static func ej(_ number: Int) -> String { String(format: "5920%05d", number) }

    /// The applications of window 1, one line per structure × domain (see the test's comment for the plan).
    static func window1() -> String {
        var lines: [String] = []
        func line(_ number: Int, _ domain: String, _ status: String) {
            lines.append("sun-es;1;\(et(number));;\(domain);\(status);2022-02-15;;;;DS-\(number);")
        }
        for number in 1...84 { line(number, "D1", number <= 75 ? "validé" : "refusé") }
        for number in Array(1...37) + [76, 77] {
            line(number, "D1-CRO", number <= 34 || number >= 76 ? "validé" : "refusé")
        }
        for number in 1...12 { line(number, "D2", number <= 10 ? "validé" : "refusé") }
        for number in Array(1...18) + [85, 86] { line(number, "D3", number <= 17 ? "validé" : "refusé") }
        return ApplicationImportTests.header + lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: TestDB.all)
    func windowOneOfSeed000AddsUpAsTheDeckPrintsIt(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            // Setup: the hospitals, their flags (CRO 73, BIO 33, RADIO 93), their legal statuses, SUN-ES.
            _ = try await app.importFiness(Self.hospitals(), name: "hopitaux.csv")
            // The fixture's own CHU of Lille is closed: the région then has the deck's 235 hospitals (the
            // fixture's Basse-Terre hospital is outside the région, hence not eligible anyway).
            try await app.sql.update("structures").set("closed_on", to: "2020-01-01")
                .where("finess_et", .equal, "590000001").run()
            let definition = try ProgrammeService.template("sun-es")
            try await app.db.sqlTransaction { db in
                _ = try await ProgrammeService.save(definition, on: db, actor: .system)
                let flags: [(String, [Int])] = [
                    ("CRO", Array(1...71) + [76, 77]), ("BIO", Array(1...33)), ("RADIO", Array(1...93))
                ]
                for (flag, numbers) in flags {
                    for number in numbers {
                        let structure = try #require(try await StructureQuery.find(Self.et(number), on: db))
                        try await db.insert(into: "structure_flags").columns("structure_id", "flag")
                            .values(SQLBind(structure.id), SQLBind(flag)).run()
                    }
                }
                for number in 1...77 {
                    let status = number <= 37 ? "13" : number <= 68 ? "73" : "61"
                    try await db.delete(from: "legal_entities").where("finess_ej", .equal, Self.ej(number)).run()
                    try await db.insert(into: "legal_entities")
                        .columns("finess_ej", "name", "siren", "legal_status", "updated_at")
                        .values(
                            SQLBind(Self.ej(number)), SQLBind("EJ FICTIVE \(number)"), SQLBind(""), SQLBind(status),
                            SQLBind(Date())
                        ).run()
                }
            }
            let report = try await app.db.sqlTransaction { db in
                try await ImportKind.applications.run(
                    ImportFile(name: "fenetre1.csv", data: Data(Self.window1().utf8)), mode: .commit, on: db,
                    actor: .system)
            }
            #expect(report.created == 155)
            // Act
            let programme = try #require(try await ProgrammeQuery.find("sun-es", on: app.sql))
            let table = try await ProgrammeStats.table(programme, window: 1, on: app.sql)
            // Check: the per-domain table of seed 000 (eligible, filed, validated, rates).
            let rows = table.domains.prefix(4).map {
                [$0.eligible, $0.filed, $0.validated]
            }
            #expect(rows == [[235, 84, 75], [73, 39, 36], [33, 12, 10], [93, 20, 17]])
            let rates = table.domains.prefix(4).map {
                ProgrammeShow.rate($0.filedRate) + " / " + ProgrammeShow.rate($0.validatedRate)
            }
            #expect(rates == ["35,7 % / 31,9 %", "53,4 % / 49,3 %", "36,4 % / 30,3 %", "21,5 % / 18,3 %"])
            #expect(table.applicants == 86 && table.validatedApplicants == 77 && table.refusedApplicants == 9)
            #expect(LargestRemainder.percentages(table.domains.prefix(4).map(\.validated)) == [55, 26, 7, 12])
            // Per legal status: 37 / 31 / 9 (the deck's 49/38/13 % do not fit its counts: 48/40/12 here).
            #expect(table.byLegalStatus.map(\.validated) == [37, 31, 9])
            #expect(LargestRemainder.percentages(table.byLegalStatus.map(\.validated)) == [48, 40, 12])
            #expect(table.groupingLabel == "TAN" && table.byTerritory.map(\.validated) == [6])
            // The page shows the table, and each count leads to its applications.
            let page = try await app.get("/programmes/sun-es?fenetre=1")
            #expect(page.status == .ok && page.body.contains("35,7 %") && page.body.contains("55 %"))
            let validated = try await app.get("/programmes/sun-es/candidatures?domaine=D2&fenetre=1&statut=valide")
            #expect(validated.body.contains("10 candidature(s) × domaine."))
            // A région that keeps amounts to its pilotes: a lecteur sees the counts, not the money.
            try await app.db.sqlTransaction { db in
                try await db.update("application_domains").set("amount_cents", to: Int64(7_800_000)).run()
            }
            let lecteur = try await app.signIn(.lecteur)
            #expect(try await app.get("/programmes/sun-es", as: lecteur).body.contains("M€"))
            app.config.programmeAmountsRestricted = true
            let hidden = try await app.get("/programmes/sun-es", as: lecteur)
            #expect(hidden.body.contains("35,7 %") && !hidden.body.contains("M€"))
            #expect(try await app.get("/programmes/sun-es", as: try await app.signIn(.pilote)).body.contains("M€"))
            // A hospital's page lists its applications.
            let hospital = try await app.get("/structures/\(Self.et(1))")
            #expect(hospital.body.contains("Candidatures aux programmes") && hospital.body.contains("Bonus CRO"))
        }
    }
}
