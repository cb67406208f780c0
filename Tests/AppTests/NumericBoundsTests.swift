import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// Values beyond what an indicator can mean (`ValueBounds`) are refused on every path that writes
/// one, with a French message naming the field (and the line, for files); and whatever a database
/// already holds — 1e26, infinity, NaN — every page still renders.
@Suite(.serialized) struct NumericBoundsTests {
    static let huge = "99999999999999999999999999"

    static func json(_ app: Application, _ path: String, _ body: String) async throws -> TestingHTTPResponse {
        try await app.send(.POST, path, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: body))
    }

    static func upload(_ app: Application, _ query: String, _ content: String) async throws -> TestingHTTPResponse {
        try await app.send(
            .POST, "/api/imports?\(query)", headers: ["Content-Type": "text/csv"], body: ByteBuffer(string: content))
    }

    @Test(arguments: TestDB.all)
    func outOfRangeValuesAreRefusedOnEveryPathAndNothingIsWritten(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            // setup
            try await app.mapExchangeCodes()
            let before = try await app.count("observations")
            // act: the API batch, value, then a ratio that overflows, then a denominator too large
            let value = try await Self.json(
                app, "/api/observations",
                #"[{"indicator":"DMP-ALIM","territory":"D59","period":"2022-05","value":"\#(Self.huge)"}]"#)
            let ratio = try await Self.json(
                app, "/api/observations",
                #"[{"indicator":"DMP-ALIM","territory":"D59","period":"2022-05","#
                    + #""numerator":"1000000000000000","denominator":"0,0001"}]"#)
            let denominator = try await Self.json(
                app, "/api/observations",
                #"[{"indicator":"DMP-ALIM","territory":"D59","period":"2022-05","#
                    + #""numerator":"1","denominator":"\#(Self.huge)"}]"#)
            // check
            #expect(
                value.status == .unprocessableEntity
                    && value.body.string.contains("Valeur hors limites « \(Self.huge) »"))
            #expect(value.body.string.contains("10¹⁵"))
            #expect(ratio.status == .unprocessableEntity && ratio.body.string.contains("le rapport dépasse"))
            #expect(
                denominator.status == .unprocessableEntity
                    && denominator.body.string.contains("Dénominateur hors limites"))

            // act: imports of every format preview the line as rejected, naming line and field
            let csv = try await Self.upload(
                app, "kind=observations&dry_run=1&file=valeurs.csv",
                "indicateur;territoire;periode;valeur\nDMP-ALIM;D59;2022-05;\(Self.huge)\n")
            let dhis2 = try await Self.upload(
                app, "kind=dhis2&dry_run=1&file=dhis2.csv",
                "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
                    + "dmpAlimRate,202205,OuNord0001,,,\(Self.huge)\n")
            let adx = try await app.send(
                .POST, "/api/imports?kind=adx&dry_run=1&file=m.xml", headers: ["Content-Type": "application/xml"],
                body: ByteBuffer(
                    string: """
                        <adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="OuNord0001" period="2022-05-01/P1M">\
                        <dataValue dataElement="dmpAlimRate" value="\(Self.huge)"/></group></adx>
                        """))
            // check
            for (name, response) in [("csv", csv), ("dhis2", dhis2), ("adx", adx)] {
                let report = try JSONDecoder().decode(
                    ImportAPIController.ReportDTO.self, from: Data(response.body.readableBytesView))
                #expect(report.created == 0, "\(name)")
                let rejection = try #require(report.rejected.first, "\(name)")
                #expect(rejection.line == 2 || name == "adx", "\(name)")
                #expect(
                    rejection.field == "valeur" && rejection.reason.contains("Valeur hors limites"),
                    "\(name) : \(rejection)")
            }

            // act: targets and baselines (API), the entry form, then periods and due dates far outside the programme
            let target = try await Self.json(
                app, "/api/targets",
                #"{"targets":[{"indicator":"DMP-ALIM","territory":"D59","due":"fin 2026","target":"\#(Self.huge)"}]}"#)
            let baseline = try await Self.json(
                app, "/api/targets",
                #"{"targets":[{"indicator":"DMP-ALIM","territory":"D59","due":"fin 2026","target":"50 %","#
                    + #""baseline":"-\#(Self.huge)","baseline_on":"2021-01-01"}]}"#)
            let form = try await app.post(
                "/saisie",
                form: [
                    ("kind", "observation"), ("indicator", "DMP-ALIM"), ("territory", "D59"), ("period", "2022-05"),
                    ("value", Self.huge)
                ])
            let year = try await Self.json(
                app, "/api/observations",
                #"[{"indicator":"DMP-ALIM","territory":"D59","period":"9999-01","value":"1"}]"#)
            let due = try await Self.json(
                app, "/api/targets",
                #"{"targets":[{"indicator":"DMP-ALIM","territory":"D59","due":"fin 0001","target":"5 %"}]}"#)
            // check
            #expect(target.status == .unprocessableEntity && target.body.string.contains("Cible hors limites"))
            #expect(
                baseline.status == .unprocessableEntity
                    && baseline.body.string.contains("Valeur de référence hors limites"))
            #expect(form.body.contains("Valeur hors limites"))
            #expect(
                year.status == .unprocessableEntity
                    && year.body.string.contains("hors de la période admise « 9999-01 » : années 1990 à 2100"))
            #expect(
                due.status == .unprocessableEntity && due.body.string.contains("Échéance hors de la période admise"))
            #expect(try await app.count("observations") == before)
            #expect(try await app.count("targets") == 0)
        }
    }

    @Test(arguments: TestDB.all)
    func pagesRenderWhateverTheDatabaseHolds(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            // setup: ordinary values, then overwritten behind the services' back as an older version could have
            try await app.createRoadmap()
            _ = try await app.observe([
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-01", value: "10 %"),
                .init(indicator: "DMP-ALIM", territory: "D62", period: "2022-01", value: "10 %"),
                .init(indicator: "DMP-ALIM", territory: "D59", period: "2022-02", numerator: "1", denominator: "2"),
                .init(indicator: "O3-18", territory: "D59", period: "2022-01", value: "1"),
                .init(indicator: "O3-18", territory: "D62", period: "2022-01", value: "2")
            ])
            try await app.setTarget(
                .init(
                    indicator: "O3-18", territory: "D59", due: "fin 2026", target: "100", baseline: "1",
                    baselineOn: "2021-01-01"))
            try await app.sql.raw(
                "UPDATE observations SET value = \(bind: 1e26) WHERE territory_code = 'D59' AND period = '2022-01'"
            ).run()
            try await app.sql.raw(
                "UPDATE observations SET value = \(bind: -Double.greatestFiniteMagnitude) WHERE territory_code = 'D62'"
            ).run()
            try await app.sql.raw(
                "UPDATE observations SET numerator = \(bind: Double.infinity) WHERE period = '2022-02'"
            ).run()
            if db == .postgres {
                try await app.sql.raw(
                    "UPDATE observations SET value = 'NaN'::float8 "
                        + "WHERE indicator_code = 'O3-18' AND territory_code = 'D62'"
                ).run()
            }
            try await app.sql.raw(
                "UPDATE targets SET value_number = \(bind: 9.3e18), baseline = \(bind: -Double.infinity)"
            ).run()
            try await app.sql.raw("DELETE FROM rollup_cache").run()
            // act & check: every page and export that shows these values answers
            for path in [
                "/", "/feuille-de-route", "/feuille-de-route?date=1990-01-02", "/activites/calendrier?mois=1969-11",
                "/indicateurs", "/indicateurs/DMP-ALIM", "/indicateurs/O3-18",
                "/territoires/D59", "/territoires/R32", "/saisie", "/exports/observations.csv",
                "/exports/observations.xlsx", "/exports/cibles.csv",
                "/exports/avancement.csv", "/exports/dhis2.csv", "/exports/adx.xml", "/api/indicators/O3-18",
                "/api/progress?indicator=O3-18&territory=D59", "/api/progress?indicator=DMP-ALIM&territory=R32"
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path) → \(page.status) \(page.body.prefix(300))")
            }
            let indicator = try await app.get("/indicateurs/O3-18")
            #expect(
                indicator.body.contains(
                    "100\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000\u{202F}000"))
        }
    }
}
