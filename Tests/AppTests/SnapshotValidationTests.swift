import Foundation
import JalonCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A "photo à date" validated by a pilote stays exactly as validated, and locks its periods: only
/// an administrator's explicit, audited override writes there.
@Suite struct SnapshotValidationTests {
    static func value(
        _ app: Application, _ period: String, _ value: String, as who: Credentials, override: String? = nil
    ) async throws -> TestingHTTPResponse {
        let body = #"[{"indicator":"O2-08","territory":"R32","period":"\#(period)","value":"\#(value)"}]"#
        let path =
            "/api/observations"
            + (override.map { "?override=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! } ?? "")
        return try await app.send(
            .POST, path, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: body), as: who)
    }

    @Test(arguments: TestDB.all)
    func aValidatedSnapshotIsFrozenAndLocksItsPeriods(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app in
            try await app.createRoadmap()
            let pilote = try await app.signIn(.pilote)
            let admin = try await app.signIn(.administrateur)
            let lecteur = try await app.signIn(.lecteur)
            #expect(try await Self.value(app, "2022-05", "3", as: pilote).status == .ok)

            // Validation: a future date is refused; a past one freezes the table.
            let future = try await app.post(
                "/feuille-de-route/photos",
                form: [("name", "Trop tôt"), ("date", "2099-01-01"), ("territoire", "R32")], as: pilote)
            #expect(
                future.status == .unprocessableEntity && future.body.contains("pas pour le 1 janvier 2099")
                    || future.body.contains("pas pour le 1er janvier 2099"))
            #expect(
                try await app.post(
                    "/feuille-de-route/photos", form: [("name", "X"), ("date", "2022-06-30")], as: lecteur
                ).status == .forbidden)
            let validated = try await app.post(
                "/feuille-de-route/photos",
                form: [("name", "Comité régional du 30 juin 2022"), ("date", "2022-06-30"), ("territoire", "R32")],
                as: pilote)
            #expect(validated.status == .seeOther)
            let path = try #require(
                validated.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            let page = try await app.get(path, as: lecteur)
            #expect(
                page.status == .ok && page.body.contains("Comité régional du 30 juin 2022")
                    && page.body.contains("Validée par"))
            #expect(
                page.body.contains("<code>O2-08</code>")
                    && page.body.contains("saisie manuelle (Compte de test Pilote régional)")
                    && !page.body.contains("pilote@test.invalid"))
            let csvBefore = try await app.get(path + "/avancement.csv", as: lecteur).body
            let xlsxBefore = Data(
                try await app.send(.GET, path + "/avancement.xlsx", as: lecteur).body.readableBytesView)
            #expect(csvBefore.contains(";O2-08;") && csvBefore.contains(";provenance;commentaire\r\n"))
            let row = try #require(csvBefore.components(separatedBy: "\r\n").first { $0.contains(";O2-08;") })
            #expect(row.contains(";3;"))

            // The locked period refuses a new value, in an import too (a rejected line); a later period takes it.
            let refused = try await Self.value(app, "2022-05", "5", as: pilote)
            #expect(
                refused.status == .forbidden
                    && refused.body.string.contains(
                        "Période verrouillée : mai 2022 est couverte par la photo à date "
                            + "« Comité régional du 30 juin 2022 »")
            )
            let csv =
                "indicateur;territoire;periode;valeur\nO2-08;R32;2022-05;5\nO2-08;R32;2022-09;7\nO2-08;R32;2022-04;\n"
            let imported = try await app.send(
                .POST, "/api/imports?file=suite.csv", headers: ["Content-Type": "text/csv"],
                body: ByteBuffer(string: csv), as: pilote)
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(imported.body.readableBytesView)) as? [String: Any])
            #expect(report["created"] as? Int == 1)
            let rejected = try #require(report["rejected"] as? [[String: Any]])
            #expect(
                rejected.contains {
                    $0["line"] as? Int == 2 && ($0["reason"] as? String)?.hasPrefix("Période verrouillée") == true
                })
            // A re-sent unchanged locked value is no change, so not refused.
            #expect(try await Self.value(app, "2022-05", "3", as: pilote).status == .ok)

            // The snapshot shows and exports exactly what was validated.
            #expect(try await app.get(path + "/avancement.csv", as: lecteur).body == csvBefore)
            #expect(
                Data(try await app.send(.GET, path + "/avancement.xlsx", as: lecteur).body.readableBytesView)
                    == xlsxBefore)

            // Only an administrator overrides, with a reason, and the trail says so.
            let notAdmin = try await Self.value(app, "2022-05", "5", as: pilote, override: "correction")
            #expect(notAdmin.status == .forbidden && notAdmin.body.string.contains("Seul un administrateur"))
            let overridden = try await Self.value(
                app, "2022-05", "5", as: admin, override: "erreur de saisie signalée par la CPAM")
            #expect(overridden.status == .ok)
            #expect(
                try await app.count(
                    "audit_events",
                    where: "action = 'override' AND details LIKE '%erreur de saisie signalée par la CPAM%'") == 1)
            // The live table follows the corrected value; the validated one does not.
            let live = try await app.get("/exports/avancement.csv?date=2022-06-30&territoire=R32", as: lecteur).body
            #expect(live.components(separatedBy: "\r\n").first { $0.contains(";O2-08;") }?.contains(";5;") == true)
            #expect(try await app.get(path + "/avancement.csv", as: lecteur).body == csvBefore)

            // The import page: the administrator's reason goes with the upload, from preview to validation.
            func upload(_ reason: String?) -> String {
                Multipart.body(
                    fields: (reason.map { [("override", $0)] } ?? []) + [("kind", "observations")],
                    file: "reprise.csv", content: "indicateur;territoire;periode;valeur\nO2-08;R32;2022-04;9\n")
            }
            let multipart: HTTPHeaders = ["Content-Type": Multipart.contentType]
            let plain = try await app.send(
                .POST, "/imports", headers: multipart, body: ByteBuffer(string: upload(nil)), as: admin)
            #expect(plain.body.string.contains("Période verrouillée"))
            let withReason = try await app.send(
                .POST, "/imports", headers: multipart, body: ByteBuffer(string: upload("reprise validée en comité")),
                as: admin)
            #expect(!withReason.body.string.contains("Période verrouillée"))
            let pending = try #require(
                withReason.body.string.firstMatch(of: /action="\/imports\/apercus\/([0-9a-fA-F-]+)"/)
            ).1
            #expect(try await app.post("/imports/apercus/\(pending)", form: [], as: admin).status == .seeOther)
            #expect(
                try await app.count(
                    "audit_events", where: "action = 'override' AND details LIKE '%reprise validée en comité%'") == 1)

            // Undoing a batch that wrote into a locked period is refused the same way.
            let batch = try #require(report["batch"] as? String)
            try await app.db.sqlTransaction { db in
                try await db.update("observations").set("period", to: "2022-03").where(
                    "batch_id", .equal, UUID(uuidString: batch)!
                ).run()
            }
            let undo = try await app.send(.POST, "/api/imports/\(batch)/undo", as: pilote)
            #expect(
                undo.status == .forbidden && undo.body.string.contains("Annulation refusée : Période verrouillée"))
        }
    }

    @Test(arguments: TestDB.all)
    func aSnapshotLocksOnlyTheIndicatorsItFroze(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap photographed at mid-2022; a regional indicator it does not follow.
            try await app.createRoadmap()
            try await app.db.sqlTransaction { db in
                _ = try await IndicatorService.upsert(
                    .init(
                        code: "REG-01", label: "Indicateur régional", service: "DMP", couloir: "TOUS", source: "ARS",
                        type: "count", unit: nil, nature: "stock", cumulativeSince: nil, periodicity: nil,
                        rollup: "sum", direction: "hausse", formula: nil), on: db, actor: .system)
                _ = try await SnapshotService.validate(
                    name: "Comité du 30 juin 2022", at: Day(2022, 6, 30), territory: "R32", couloir: nil, on: db,
                    actor: .system)
            }
            let pilote = try await app.signIn(.pilote)
            // Act + check: the photographed indicator refuses May 2022; the other one takes it.
            let locked = try await Self.value(app, "2022-05", "3", as: pilote)
            #expect(locked.status == .forbidden && locked.body.string.contains("Comité du 30 juin 2022"))
            let report = try await app.observe([
                .init(indicator: "REG-01", territory: "R32", period: "2022-05", value: "7")
            ])
            #expect(report.created == 1)
            #expect(try await app.count("snapshot_indicators", where: "indicator_code = 'O2-08'") == 1)
            #expect(try await app.count("snapshot_indicators", where: "indicator_code = 'REG-01'") == 0)
        }
    }
}
