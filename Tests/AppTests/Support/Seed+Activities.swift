import Foundation
import JalonCore
import SQLKit
import Vapor

@testable import App

extension Seed {
    /// `territoriesAndStructures`, and five structures outside FINESS that the activity journal
    /// reaches: three ES in the Nord (T00000ES3 closed), an EHPAD (MS-PA) and an ES in the Pas-de-Calais.
    static func activityStructures<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await territoriesAndStructures(db) { app in
            try await structure(app, "T00000ES1", couloir: "ES", commune: "59350")
            try await structure(app, "T00000ES2", couloir: "ES", commune: "59183")
            try await structure(app, "T00000ES3", couloir: "ES", commune: "59350", closed: true)
            try await structure(app, "T000MSPA1", couloir: "MS-PA", commune: "59009")
            try await structure(app, "T00000ES4", couloir: "ES", commune: "62041")
            return try await body(app)
        }
    }

    /// Three activities reaching the `activityStructures`, in the journal's CSV.
    static let activityJournal = """
        date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs
        2022-03-01;Visite sur site;Visite MSSanté au CH;MSS|DMP;ES;D59;T00000ES1|T00000ES3|T000MSPA1;4;\
        ARS Hauts-de-France
        2022-05-10;webinaire;Webinaire INS;INS;ES;R32;T00000ES1|T00000ES4;57;GRADeS|CPAM Lille-Douai
        2021-12-01;Réunion d'information;Lancement Ségur;SEGUR;ES|MS;D59;T00000ES2;30;ARS Hauts-de-France
        """

    /// A structure outside FINESS for the fixture (only what reach reads matters).
    private static func structure(
        _ app: Application, _ key: String, couloir: String, commune: String, closed: Bool = false
    ) async throws {
        try await app.sql.insert(into: "structures")
            .columns(
                "id", "finess_et", "finess_ej", "siret", "source", "name", "long_name", "complement", "address",
                "postal_code", "city", "commune_code",
                "commune_raw", "phone", "category_code", "category_label", "couloir", "closed_on", "is_demo",
                "content_hash", "created_at", "updated_at"
            )
            .values(
                SQLBind(UUID()), SQLBind(key), SQLBind(""), SQLBind(""), SQLBind("test"), SQLBind("Structure \(key)"),
                SQLBind(""), SQLBind(""), SQLBind(""),
                SQLBind(""), SQLBind(""), SQLBind(commune), SQLBind(commune), SQLBind(""), SQLBind("000"), SQLBind(""),
                SQLBind(couloir),
                SQLBind(closed ? "2022-01-31" : String?.none), SQLBind(false), SQLBind(""), SQLBind(Date()),
                SQLBind(Date())
            )
            .run()
    }
}

extension Application {
    /// Imports an activity journal (by default `Seed.activityJournal`) as the import page does.
    func importActivityJournal(_ text: String = Seed.activityJournal) async throws -> ImportReport {
        try await db.sqlTransaction { db in
            try await ImportKind.activities.run(
                ImportFile(name: "journal.csv", data: Data(text.utf8)), mode: .commit, on: db, actor: .system)
        }
    }
}
