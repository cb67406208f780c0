import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// The activity log and the reach it gives, against a hand-counted fixture.
@Suite(.serialized) struct ActivityReachTests {
    @Test(arguments: TestDB.all)
    func reachCountsEachOpenStructureOnceWithinTheWindowAndTheTerritory(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            // FINESS fixture ES already open in the Nord, counted in the denominator too.
            let base = try await app.reach(.es, "D59", since: nil, at: "2022-12-31").open - 2
            let summary = try await app.importActivityJournal()
            #expect(summary.created == 3 && summary.notes == ["6 structures touchées."])
            // ES1 reached twice counts once; ES3 is closed; ES2 was reached before the window; ES4 is in the
            // Pas-de-Calais.
            #expect(
                try await app.reach(.es, "D59", since: "2022-01-01", at: "2022-12-31")
                    == .init(reached: 1, open: base + 2))
            #expect(
                try await app.reach(.es, "D59", since: nil, at: "2022-12-31") == .init(reached: 2, open: base + 2)
            )
            let region = try await app.reach(.es, "R32", since: "2022-01-01", at: "2022-12-31")
            #expect(region.reached == 2)
            // at a date, later activities do not count yet
            #expect(try await app.reach(.es, "R32", since: "2022-01-01", at: "2022-04-01").reached == 1)
            // MS counts its sub-couloirs (the EHPAD is MS-PA)
            #expect(try await app.reach(.ms, "D59", since: "2022-01-01", at: "2022-12-31").reached == 1)
            #expect(try await app.reach(.msPH, "D59", since: "2022-01-01", at: "2022-12-31").reached == 0)
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
        try await Seed.activityStructures(db) { app in
            _ = try await app.importActivityJournal()
            let again = try await app.importActivityJournal()
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 3)
            #expect(try await app.count("activities") == 3)
            #expect(try await app.count("activity_structures") == 6)
            // a corrected line updates its activity in place
            let corrected = try await app.importActivityJournal(
                Seed.activityJournal.replacingOccurrences(of: ";4;ARS", with: ";5;ARS"))
            #expect(corrected.updated == 1 && corrected.unchanged == 2)
            #expect(try await app.count("activities") == 3)
            // one bad line: nothing is written, every bad line is named
            let bad =
                Seed.activityJournal
                + "\n2022-06-01;pique-nique;Fête;;;;;;\n2022-13-01;visite;X;;;;T00000ES1;;"
                + "\n2022-06-02;visite;Y;;;;INCONNU;;"
            await #expect(throws: ServiceError.self) { _ = try await app.importActivityJournal(bad) }
            do { _ = try await app.importActivityJournal(bad) } catch let e as ServiceError {
                #expect(e.message.contains("ligne 5, champ type : Type d'activité inconnu « pique-nique »"))
                #expect(e.message.contains("ligne 6, champ date : Date illisible « 2022-13-01 »"))
                #expect(e.message.contains("ligne 7, champ structures : Structure inconnue « INCONNU »"))
            }
            #expect(try await app.count("activities") == 3)
        }
    }

    @Test(arguments: TestDB.all)
    func theNationalReachIndicatorsFollowTheLogWithoutAnyEntry(db: TestDB) async throws {
        try await Seed.activityStructures(db) { app in
            try await app.createRoadmap()
            let before = try await app.progress("O2-02", "D59", at: "2022-12-31")
            #expect(before.progress.value == nil)
            _ = try await app.importActivityJournal()
            let open = try await app.reach(.es, "D59", since: nil, at: "2022-12-31").open
            // O2-02: share of the Nord's open ES reached at least once (ES1 and ES2; ES3 is closed)
            let es = try await app.progress("O2-02", "D59", at: "2022-12-31")
            #expect(es.progress.value == 2.0 / Double(open))
            #expect(es.series.provenance.contains("journal des activités"))
            // the cached series follows a new activity at once
            let more = "date;type;titre;structures\n2022-06-01;visite;Visite de suivi;T00000ES4"
            _ = try await app.importActivityJournal(more)
            #expect(
                try await app.progress("O2-02", "R32", at: "2022-12-31").series.points.last?
                    .numerator == 3)
            // O2-01: actions since June 2021, cumulated (a flow)
            let actions = try await app.progress("O2-01", "R32", at: "2022-12-31")
            #expect(actions.progress.value == 4)
            // values of a computed indicator are not typed in
            await #expect(throws: ServiceError.self) {
                _ = try await app.observe([
                    .init(indicator: "O2-02", territory: "D59", period: "2022-06", value: "50 %")
                ])
            }
        }
    }
}
