import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// "Nothing is half-written, whatever fails": the database refuses a row in the middle of a large
/// import — after earlier chunks were inserted, a value replaced and its history written — and the
/// database is left exactly as it was.
@Suite(.serialized) struct ImportAtomicityTests {
    /// A trigger that fails like a full disk or a lost connection would, on one chosen row.
    static func sabotage(_ app: Application, _ db: TestDB) async throws {
        switch db {
        case .sqlite:
            try await app.sql.raw(
                "CREATE TRIGGER sabotage BEFORE INSERT ON observations WHEN NEW.comment = 'panne' "
                    + "BEGIN SELECT RAISE(ABORT, 'panne simulée'); END"
            ).run()
        case .postgres:
            try await app.sql.raw(
                "CREATE FUNCTION sabotage() RETURNS trigger AS $$ BEGIN IF NEW.comment = 'panne' "
                    + "THEN RAISE EXCEPTION 'panne simulée'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            ).run()
            try await app.sql.raw(
                "CREATE TRIGGER sabotage BEFORE INSERT ON observations FOR EACH ROW EXECUTE FUNCTION sabotage()"
            ).run()
        }
    }

    @Test(arguments: TestDB.all)
    func aDatabaseFailureMidwayLeavesNothingWritten(db: TestDB) async throws {
        try await Seed.dmpIndicator(db) { app in
            _ = try await app.observe([.init(indicator: "DMP-ALIM", territory: "D59", period: "2021-01", value: "1 %")])
            try await Self.sabotage(app, db)
            func snapshot() async throws -> [Int] {
                [
                    try await app.count("observations"), try await app.count("observation_history"),
                    try await app.count("import_batches"),
                    try await app.count("audit_events"), try await app.count("rollup_cache")
                ]
            }
            // fills the roll-up layer
            _ = try await app.progress("DMP-ALIM", "R32", at: "2021-12-31")
            let before = try await snapshot()
            // 1 update (D59 2021-01), then 1 199 creations; the 1 100th line fails, three insert chunks in.
            var lines = ["indicateur;territoire;periode;valeur;commentaire", "DMP-ALIM;D59;2021-01;2 %;"]
            for i in 0..<1_199 {
                let month = Day(1990, 1, 1).addingMonths(i)
                let period = String(format: "%04d-%02d", month.year, month.month)
                lines.append("DMP-ALIM;\(i % 2 == 0 ? "D62" : "D59");\(period);\(i) %;\(i == 1_098 ? "panne" : "")")
            }
            let data = Data(lines.joined(separator: "\n").utf8)
            let preview = try await app.db.sqlTransaction { tx in
                try await ImportKind.observations.run(
                    ImportFile(name: "gros.csv", data: data), mode: .preview, on: tx, actor: .system)
            }
            #expect(preview.created == 1_199 && preview.updated == 1)
            await #expect(throws: (any Error).self) {
                _ = try await app.db.sqlTransaction { tx in
                    try await ImportKind.observations.run(
                        ImportFile(name: "gros.csv", data: data), mode: .commit, on: tx, actor: .system)
                }
            }
            #expect(try await snapshot() == before)
            struct V: Decodable { var value: Double? }
            #expect(
                try await app.sql.select().column("value").from("observations").where("period", .equal, "2021-01")
                    .first(decoding: V.self)?.value == 0.01)
        }
    }
}

struct UUIDTextTests {
    @Test func upperTextIsFoundationsUUIDString() {
        for _ in 0..<100 {
            let id = UUID.ordered()
            #expect(id.upperText == id.uuidString)
            #expect(id.uuidString.dropFirst(14).first == "7")  // version 7, time-ordered
        }
    }
}
