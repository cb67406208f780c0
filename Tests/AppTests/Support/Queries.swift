import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

extension Application {
    /// An indicator's progress in a territory at a date, as the pages compute it: with the targets of the
    /// roadmap named, else of the current one, as `GET /api/progress` reads them.
    func progress(_ code: String, _ territory: String, at: String, couloir: Couloir? = nil, roadmap: String? = nil)
        async throws -> ProgressQuery.Result
    {
        let indicator = try #require(try await IndicatorQuery.find(code, on: sql))
        let place = try #require(try await TerritoryQuery.find(territory, on: sql))
        let chosen = try await RoadmapQuery.chosen(roadmap, today: Day.today(), on: sql)
        return try await ProgressQuery.progress(
            indicator: indicator, territory: place, couloir: couloir, at: Day(iso: at)!, roadmap: chosen?.code,
            on: sql)
    }

    /// The open structures of a couloir in a territory, and how many the journal reached since a date.
    func reach(_ couloir: Couloir, _ territory: String, since: String?, at: String) async throws -> StructureReach {
        try await ReachQuery.reach(
            couloir: couloir, territory: territory, since: since.flatMap(Day.init(iso:)), at: Day(iso: at)!, on: sql)
    }
}
