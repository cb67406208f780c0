import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

@Suite struct RoadmapVariationTests {
    @Test(arguments: TestDB.all)
    func theSteeringTableAndItsExportShowVariationsWhenAsked(db: TestDB) async throws {
        try await Seed.territoriesAndStructures(db) { app async throws in
            // Setup: the national roadmap, an indicator with a stock value in May and June 2022.
            try await app.createRoadmap()
            let followed = try await app.roadmapIndicatorCodes()
            let stock = try #require(
                try await IndicatorQuery.all(on: app.sql).first {
                    followed.contains($0.code) && $0.definition.nature == .stock && $0.definition.kind == .count
                        && $0.definition.formula == nil
                        && $0.definition.computed == nil
                })
            _ = try await app.observe([
                .init(indicator: stock.code, territory: "R32", period: "2022-05", value: "40"),
                .init(indicator: stock.code, territory: "R32", period: "2022-06", value: "50")
            ])
            // Act
            let plain = try await app.get("/feuille-de-route?date=2022-06-30&territoire=R32")
            let asked = try await app.get("/feuille-de-route?date=2022-06-30&territoire=R32&evolutions=1")
            let export = try await app.get("/exports/avancement.csv?date=2022-06-30&territoire=R32")
            // Check: the columns only when asked; +25 % since May; the export's ratio 1,25.
            #expect(!plain.body.contains("Évolution sur la période"))
            #expect(asked.body.contains("Évolution sur la période"))
            #expect(asked.body.contains("+25,0\u{00A0}%"))
            #expect(asked.body.contains("name=\"evolutions\" value=\"1\" checked=\"checked\""))
            let line = try #require(
                export.body.components(separatedBy: "\r\n").first { $0.contains(";\(stock.code);") })
            #expect(line.contains(";1,25;"))
        }
    }
}
