import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Workbooks in and out: an .xlsx import (first sheet or a named one), XLSX exports that read back
/// through the imports unchanged, and the targets export.
@Suite(.serialized) struct SpreadsheetExchangeTests {
    static func body(_ r: TestingHTTPResponse) -> Data { Data(r.body.readableBytesView) }

    @Test(arguments: TestDB.all)
    func anXLSXWorkbookIsImportedLikeACSV(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            let data = try XLSXWriter.write(
                sheet: "DMP", header: ["Indicateur", "Territoire", "Période", "Valeur"],
                rows: [
                    [.text("DMP-ALIM"), .text("Nord"), .text("2021-12"), .number(0.1283)],
                    [.text("DMP-ALIM"), .text("D62"), .text("déc. 2021"), .text("7,80 %")],
                    [.text("DMP-ALIM"), .text("D99"), .text("2021-12"), .number(0.05)]
                ])
            let report = try await app.db.sqlTransaction { tx in
                try await ImportKind.observations.run(
                    ImportFile(name: "dmp.xlsx", data: data), mode: .commit, on: tx, actor: .system)
            }
            #expect(report.created == 2)
            #expect(report.rejected == [.init(line: 4, field: "territoire", reason: "Territoire inconnu « D99 ».")])
            struct V: Decodable { var value: Double }
            #expect(
                try await app.sql.select().column("value").from("observations").where("territory_code", .equal, "D59")
                    .first(decoding: V.self)?.value == 0.1283)
            // a named sheet that is not there is named, with the ones that are
            await #expect(
                throws: ServiceError.invalid(
                    "dmp.xlsx : feuille « Données » absente du classeur (feuilles : « DMP »)")
            ) {
                _ = try await app.db.sqlTransaction { tx in
                    try await ImportKind.observations.run(
                        ImportFile(name: "dmp.xlsx", data: data, options: .init(sheet: "Données")), mode: .preview,
                        on: tx, actor: .system)
                }
            }
            await #expect(throws: ServiceError.invalid("faux.xlsx : ce fichier n'est pas un classeur .xlsx lisible")) {
                _ = try await app.db.sqlTransaction { tx in
                    try await ImportKind.observations.run(
                        ImportFile(name: "faux.xlsx", data: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 1, 2])), mode: .preview,
                        on: tx, actor: .system)
                }
            }
        }
    }

    @Test(arguments: TestDB.all)
    func xlsxExportsReadBackUnchanged(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            _ = try await app.observe([
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2021-12", value: "12,83 %"),
                .init(
                    indicator: "DMP-ALIM", territory: "D62", period: "2021-12", numerator: "1 283",
                    denominator: "10 000"),
                .init(indicator: "DMP-ALIM", territory: "D62", period: "2022-01", value: "ND", comment: "=1+1")
            ])
            try await app.setTarget(
                .init(
                    indicator: "DMP-ALIM", territory: "D59", due: "fin 2022", target: "15 %", baseline: "9,85 %",
                    baselineOn: "2020-12-31"))
            try await app.setTarget(.init(indicator: "DMP-ALIM", territory: "D62", due: "mi-2022", target: "A venir"))
            let xlsx = try await app.send(.GET, "/exports/observations.xlsx?indicateur=DMP-ALIM")
            #expect(xlsx.status == .ok)
            #expect(
                xlsx.headers.contentType?.serialize()
                    == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let records = try XLSXReader.records(Self.body(xlsx))
            #expect(
                records.first?.fields.prefix(7) == [
                    "indicateur", "libelle", "territoire", "structure", "couloir", "periode", "valeur"
                ])
            #expect(records.count == 4)
            let back = try await app.db.sqlTransaction { tx in
                try await ImportKind.observations.run(
                    ImportFile(name: "observations.xlsx", data: Self.body(xlsx)), mode: .preview, on: tx, actor: .system
                )
            }
            #expect(back.rejected.isEmpty && back.unchanged == 3 && back.changes == 0, "\(back.text)")
            // targets: CSV and XLSX, both read back by the targets import unchanged
            let csv = try await app.get("/exports/cibles.csv?indicateur=DMP-ALIM")
            #expect(
                csv.body.hasPrefix(
                    "\u{FEFF}indicateur;libelle;territoire;couloir;echeance;cible;reference;date_reference;"
                        + "feuille_de_route\r\n"))
            #expect(csv.body.contains(";D59;TOUS;2022-12-31;0,15;0,0985;2020-12-31;\r\n"))
            #expect(csv.body.contains(";D62;TOUS;2022-06-30;A venir;;;\r\n"))
            for (file, data) in [
                ("cibles.csv", Data(csv.body.utf8)),
                ("cibles.xlsx", Self.body(try await app.send(.GET, "/exports/cibles.xlsx")))
            ] {
                let r = try await app.db.sqlTransaction { tx in
                    try await ImportKind.targets.run(
                        ImportFile(name: file, data: data), mode: .preview, on: tx, actor: .system)
                }
                #expect(r.rejected.isEmpty && r.unchanged == 2 && r.changes == 0, "\(file): \(r.text)")
            }
            // the progress table as a workbook
            try await app.createRoadmap()
            let progress = try await app.send(.GET, "/exports/avancement.xlsx?date=2022-06-30&territoire=R32")
            let rows = try XLSXReader.records(Self.body(progress))
            #expect(
                rows.first?.fields == [
                    "objectif", "fiche", "indicateur", "libelle", "couloir", "cible", "echeance", "valeur",
                    "date_valeur", "realisation", "statut", "evolution_periode", "evolution_un_an",
                    "evolution_reference"
                ])
            #expect(rows.contains { $0.fields.count > 2 && $0.fields[2] == "O2-01" })
        }
    }
}
