import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

/// DHIS2 data value sets and ADX messages, in and out, through the code mapping.
@Suite(.serialized) struct AggregateExchangeTests {
    static func run(_ app: Application, _ kind: ImportKind, _ text: String, file: String, dryRun: Bool = false)
        async throws -> ImportReport
    {
        try await app.db.sqlTransaction { db in
            try await kind.run(
                ImportFile(name: file, data: Data(text.utf8)), mode: dryRun ? .preview : .commit, on: db, actor: .system
            )
        }
    }

    @Test(arguments: TestDB.all)
    func aDHIS2DataValueSetIsImportedThroughTheMappingAndGoesBackOutTheSame(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            try await app.mapExchangeCodes()
            let set = """
                dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,\
                comment,followup
                dmpAlimRate,202112,OuNord0001,HllvX50cXC0,,0.1283,cnam,2022-01-05T10:00:00.000,,false
                dmpAlimRate,2022Q1,OuPdc00002,,,0.078,cnam,2022-04-05T10:00:00.000,"estimation, à confirmer",false
                dmpAlimRate,2021W52,OuNord0001,,,0.5,cnam,,,false
                dmpAlimRate,202112,OuInconnue,,,0.5,cnam,,,false
                """
            let report = try await Self.run(app, .dhis2, set, file: "dhis2.csv")
            #expect(report.created == 2)
            #expect(report.rejected.map(\.line) == [4, 5])
            #expect(report.rejected.first?.reason.contains("Période illisible « 2021W52 »") == true)
            #expect(report.rejected.last?.reason == "Territoire inconnu « OuInconnue ».")
            struct O: Decodable {
                var value: Double
                var source: String
                var period: String
                var comment: String
            }
            let pdc = try #require(
                try await app.sql.select().columns("value", "source", "period", "comment").from("observations").where(
                    "territory_code", .equal, "D62"
                ).first(decoding: O.self))
            #expect(
                pdc.value == 0.078 && pdc.period == "2022-T1" && pdc.source == "DHIS2 (cnam)"
                    && pdc.comment == "estimation, à confirmer")
            #expect(try await ImportBatch.all(on: app.sql).first?.kind == "dhis2")
            // out again, with the partner's codes, and back in: nothing changes
            let out = try await app.get("/exports/dhis2.csv?indicateur=DMP-ALIM")
            #expect(out.body.contains("dmpAlimRate,202112,OuNord0001,,,0.1283,jalon,"))
            #expect(out.body.contains("dmpAlimRate,2022Q1,OuPdc00002,,,0.078,jalon,"))
            let back = try await Self.run(
                app, .dhis2, out.body.replacingOccurrences(of: ",jalon,", with: ",cnam,"), file: "retour.csv",
                dryRun: true)
            #expect(back.read == 2 && back.unchanged == 2 && back.changes == 0, "\(back.text)")
            // the batch undoes like any import
            let batch = try #require(try await ImportBatch.all(on: app.sql).first)
            _ = try await app.db.sqlTransaction { db in try await batch.undo(on: db, actor: .system)
            }
            #expect(try await app.count("observations") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func anADXMessageIsImportedWithItsDisaggregationAndExportedBack(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            try await app.mapExchangeCodes()
            let message = """
                <?xml version="1.0" encoding="UTF-8"?>
                <adx xmlns="urn:ihe:qrph:adx:2015" exported="2022-01-10T08:00:00Z">
                  <group orgUnit="OuNord0001" period="2021-12-01/P1M" dataSet="DMP">
                    <dataValue dataElement="dmpAlimRate" value="0.1283"/>
                    <dataValue dataElement="dmpAlimRate" value="0.2" couloir="cocES000001">\
                <annotation>ES seulement &amp; publics</annotation></dataValue>
                  </group>
                  <group orgUnit="D62" period="2021-10-01/P3M">
                    <dataValue dataElement="DMP-ALIM" value="0.078"/>
                  </group>
                </adx>
                """
            let report = try await Self.run(app, .adx, message, file: "dmp.adx.xml")
            #expect(report.created == 3 && report.rejected.isEmpty, "\(report.text)")
            struct O: Decodable {
                var couloir: String
                var comment: String
                var period: String
            }
            let es = try #require(
                try await app.sql.select().columns("couloir", "comment", "period").from("observations").where(
                    "couloir", .equal, "ES"
                ).first(decoding: O.self))
            #expect(es.comment == "ES seulement & publics" && es.period == "2021-12")
            // exported with the partner's codes, read back unchanged
            let out = try await app.get("/exports/adx.xml?indicateur=DMP-ALIM")
            #expect(
                out.body.contains("orgUnit=\"OuNord0001\"") && out.body.contains("period=\"2021-10-01/P3M\"")
                    && out.body.contains("couloir=\"cocES000001\""))
            let back = try await Self.run(app, .adx, out.body, file: "retour.xml", dryRun: true)
            #expect(back.read == 3 && back.changes == 0 && back.rejected.isEmpty, "\(back.text)")
            // a period that is not a calendar quarter fails the message, naming its line
            await #expect(throws: ServiceError.self) {
                _ = try await Self.run(
                    app, .adx, message.replacingOccurrences(of: "2021-10-01/P3M", with: "2021-11-01/P3M"),
                    file: "faux.xml", dryRun: true)
            }
        }
    }

    @Test(arguments: TestDB.all)
    func aMappingFileIsAllOrNothing(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            try await app.mapExchangeCodes()
            await #expect(
                throws: ServiceError.invalid(
                    "codes.csv, lignes 2 et 3 : même type et même code externe. "
                        + "Une même clé ne peut figurer qu'une fois : rien n'est importé.", field: "code_externe")
            ) {
                _ = try await app.db.sqlTransaction { db in
                    try await ImportKind.codes.run(
                        ImportFile(
                            name: "codes.csv",
                            data: Data("type;code_jalon;code_externe\nterritoire;D59;A\nterritoire;D62;A\n".utf8)),
                        mode: .commit, on: db, actor: .system)
                }
            }
            #expect(try await app.count("exchange_codes") == 4)
            let csv = try await app.get("/imports/correspondances.csv")
            #expect(csv.body.contains("indicateur;DMP-ALIM;dmpAlimRate"))
        }
    }
}
