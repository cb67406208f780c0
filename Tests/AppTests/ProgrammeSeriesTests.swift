import Foundation
import JalonCore
import SQLKit
import Testing
import Vapor

@testable import App

/// The roadmap's programme indicators (O3-23 … O3-25) compute themselves from the applications, month by month,
/// follow a new import at once and cannot be typed in.
@Suite struct ProgrammeSeriesTests {
    @Test(arguments: TestDB.all)
    func theSUNESIndicatorsFollowTheApplications(db: TestDB) async throws {
        try await ApplicationImportTests.withSUNES(db) { app in
            // Setup: the national roadmap; window 1's dossiers (the CHU of Lille in the Nord; the other one is
            // outside the région).
            try await app.createRoadmap()
            let eligible = try await app.reach(.es, "R32", since: nil, at: "2022-12-31").open
            _ = try await ApplicationImportTests.importing(app, ApplicationImportTests.window1)
            // Act
            let filed = try await app.progress("O3-23", "R32", at: "2022-12-31")
            let treated = try await app.progress("O3-24", "R32", at: "2022-12-31")
            let consumed = try await app.progress("O3-25", "R32", at: "2022-12-31")
            // Check: one hospital of the région filed (its two domains count once).
            #expect(filed.series.points.last?.numerator == 1)
            #expect(filed.series.points.last?.denominator == Double(eligible))
            #expect(filed.series.points.first?.period == .month(2022, 1), "from the first dossier filed")
            #expect(filed.series.provenance.contains("candidatures au programme sun-es"))
            // Due 4 months after window 1 closed (2022-02-28): D1 validated on 15 February, D2 still in instruction.
            #expect(treated.progress.value == 0.5)
            // 78 000 € validated on D1's 200 000 € envelope.
            #expect(consumed.progress.value == 0.39)
            #expect(consumed.series.provenance.contains("enveloppe " + Money.french(20_000_000)))

            // Act: D2 is validated after its deadline.
            _ = try await ApplicationImportTests.importing(
                app, "sun-es;1;590000001;;D2;valide;2022-03-01;12 000 €;;;DS-1001;\n")
            // Check: the cached figures follow at once.
            #expect(try await app.progress("O3-24", "R32", at: "2022-12-31").progress.value == 0.5)
            #expect(try await app.progress("O3-25", "R32", at: "2022-12-31").progress.value == 0.45)
            #expect(try await app.progress("O3-25", "R32", at: "2022-02-28").progress.value == 0.39, "as it stood")
            await #expect(throws: ServiceError.self) {
                _ = try await app.observe([
                    .init(indicator: "O3-23", territory: "R32", period: "2022-06", value: "50 %")
                ])
            }
        }
    }
}
