import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// The activity log and the reach it gives, against a hand-counted fixture.
@Suite(.serialized) struct ActivityReachTests {
    /// A structure outside FINESS for the fixture (only what reach reads matters).
    static func structure(_ app: Application, _ key: String, couloir: String, commune: String, closed: Bool = false)
        async throws
    {
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

    static let journal = """
        date;type;titre;themes;couloirs;territoires;structures;participants;organisateurs
        2022-03-01;Visite sur site;Visite MSSanté au CH;MSS|DMP;ES;D59;T00000ES1|T00000ES3|T000MSPA1;4;ARS Hauts-de-France
        2022-05-10;webinaire;Webinaire INS;INS;ES;R32;T00000ES1|T00000ES4;57;GRADeS|CPAM Lille-Douai
        2021-12-01;Réunion d'information;Lancement Ségur;SEGUR;ES|MS;D59;T00000ES2;30;ARS Hauts-de-France
        """

    static func seeded<T>(_ db: TestDB, _ body: (Application) async throws -> T) async throws -> T {
        try await HTTPTests.seeded(db) { app in
            try await structure(app, "T00000ES1", couloir: "ES", commune: "59350")
            try await structure(app, "T00000ES2", couloir: "ES", commune: "59183")
            try await structure(app, "T00000ES3", couloir: "ES", commune: "59350", closed: true)
            try await structure(app, "T000MSPA1", couloir: "MS-PA", commune: "59009")
            try await structure(app, "T00000ES4", couloir: "ES", commune: "62041")
            return try await body(app)
        }
    }

    static func importJournal(_ app: Application, _ text: String = journal) async throws -> ActivityImport.Summary {
        try await app.db.sqlTransaction { db in
            try await ActivityImport.run(Data(text.utf8), fileName: "journal.csv", on: db, actor: .system)
        }
    }

    static func reach(_ app: Application, _ couloir: Couloir, _ territory: String, since: String?, at: String)
        async throws -> ReachQuery.Reach
    {
        try await ReachQuery.reach(
            couloir: couloir, territory: territory, since: since.flatMap(Day.init(iso:)), at: Day(iso: at)!, on: app.sql
        )
    }

    @Test(arguments: TestDB.all)
    func reachCountsEachOpenStructureOnceWithinTheWindowAndTheTerritory(db: TestDB) async throws {
        try await Self.seeded(db) { app in
            // FINESS fixture ES already open in the Nord, counted in the denominator too.
            let base = try await Self.reach(app, .es, "D59", since: nil, at: "2022-12-31").open - 2
            let summary = try await Self.importJournal(app)
            #expect(summary.created == 3 && summary.structuresReached == 6)
            // ES1 reached twice counts once; ES3 is closed; ES2 was reached before the window; ES4 is in the Pas-de-Calais.
            #expect(
                try await Self.reach(app, .es, "D59", since: "2022-01-01", at: "2022-12-31")
                    == .init(reached: 1, open: base + 2))
            #expect(
                try await Self.reach(app, .es, "D59", since: nil, at: "2022-12-31") == .init(reached: 2, open: base + 2)
            )
            let region = try await Self.reach(app, .es, "R32", since: "2022-01-01", at: "2022-12-31")
            #expect(region.reached == 2)
            // at a date, later activities do not count yet
            #expect(try await Self.reach(app, .es, "R32", since: "2022-01-01", at: "2022-04-01").reached == 1)
            // MS counts its sub-couloirs (the EHPAD is MS-PA)
            #expect(try await Self.reach(app, .ms, "D59", since: "2022-01-01", at: "2022-12-31").reached == 1)
            #expect(try await Self.reach(app, .msPH, "D59", since: "2022-01-01", at: "2022-12-31").reached == 0)
            // actions: the regional webinar counts for the Nord too; by type and topic
            #expect(
                try await ReachQuery.actions(
                    territory: "D59", since: Day(2022, 1, 1), at: Day(2022, 12, 31), on: app.sql) == 2)
            #expect(try await ReachQuery.actions(territory: "D62", since: nil, at: Day(2022, 12, 31), on: app.sql) == 1)
            #expect(
                try await ReachQuery.actions(
                    territory: nil, since: nil, at: Day(2022, 12, 31), type: .visite, on: app.sql) == 1)
            #expect(
                try await ReachQuery.actions(
                    territory: "R32", since: nil, at: Day(2022, 12, 31), topic: "MSS", on: app.sql) == 1)
        }
    }

    @Test(arguments: TestDB.all)
    func theJournalImportIsAllOrNothingAndIdempotent(db: TestDB) async throws {
        try await Self.seeded(db) { app in
            _ = try await Self.importJournal(app)
            let again = try await Self.importJournal(app)
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 3)
            #expect(try await app.count("activities") == 3)
            #expect(try await app.count("activity_structures") == 6)
            // a corrected line updates its activity in place
            let corrected = try await Self.importJournal(
                app, Self.journal.replacingOccurrences(of: ";4;ARS", with: ";5;ARS"))
            #expect(corrected.updated == 1 && corrected.unchanged == 2)
            #expect(try await app.count("activities") == 3)
            // one bad line: nothing is written, every bad line is named
            let bad =
                Self.journal
                + "\n2022-06-01;pique-nique;Fête;;;;;;\n2022-13-01;visite;X;;;;T00000ES1;;\n2022-06-02;visite;Y;;;;INCONNU;;"
            await #expect(throws: ServiceError.self) { _ = try await Self.importJournal(app, bad) }
            do { _ = try await Self.importJournal(app, bad) } catch let e as ServiceError {
                #expect(e.message.contains("ligne 5, champ type : Type d'activité inconnu « pique-nique »"))
                #expect(e.message.contains("ligne 6, champ date : Date illisible « 2022-13-01 »"))
                #expect(e.message.contains("ligne 7, champ structures : Structure inconnue « INCONNU »"))
            }
            #expect(try await app.count("activities") == 3)
        }
    }

    @Test(arguments: TestDB.all)
    func theNationalReachIndicatorsFollowTheLogWithoutAnyEntry(db: TestDB) async throws {
        try await Self.seeded(db) { app in
            try await app.createRoadmap()
            let before = try await ProgressQueryTests.progress(app, "O2-02", "D59", at: "2022-12-31")
            #expect(before.progress.value == nil)
            _ = try await Self.importJournal(app)
            let open = try await Self.reach(app, .es, "D59", since: nil, at: "2022-12-31").open
            // O2-02: share of the Nord's open ES reached at least once (ES1 and ES2; ES3 is closed)
            let es = try await ProgressQueryTests.progress(app, "O2-02", "D59", at: "2022-12-31")
            #expect(es.progress.value == 2.0 / Double(open))
            #expect(es.series.provenance.contains("journal des activités"))
            // the cached series follows a new activity at once
            let more = "date;type;titre;structures\n2022-06-01;visite;Visite de suivi;T00000ES4"
            _ = try await Self.importJournal(app, more)
            #expect(
                try await ProgressQueryTests.progress(app, "O2-02", "R32", at: "2022-12-31").series.points.last?
                    .numerator == 3)
            // O2-01: actions since June 2021, cumulated (a flow)
            let actions = try await ProgressQueryTests.progress(app, "O2-01", "R32", at: "2022-12-31")
            #expect(actions.progress.value == 4)
            // values of a computed indicator are not typed in
            await #expect(throws: ServiceError.self) {
                _ = try await ProgressQueryTests.observe(
                    app, [.init(indicator: "O2-02", territory: "D59", period: "2022-06", value: "50 %")])
            }
        }
    }
}
