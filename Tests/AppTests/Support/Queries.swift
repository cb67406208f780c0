import Foundation
import JalonCore
import Testing
import Vapor

@testable import App

extension Application {
    /// An indicator's progress in a territory at a date, as the pages compute it.
    func progress(_ code: String, _ territory: String, at: String, couloir: Couloir? = nil) async throws
        -> ProgressQuery.Result
    {
        let i = try #require(try await IndicatorQuery.find(code, on: sql))
        let t = try #require(try await TerritoryQuery.find(territory, on: sql))
        return try await ProgressQuery.progress(
            indicator: i, territory: t, couloir: couloir, at: Day(iso: at)!, on: sql)
    }

    /// The open structures of a couloir in a territory, and how many the journal reached since a date.
    func reach(_ couloir: Couloir, _ territory: String, since: String?, at: String) async throws -> StructureReach {
        try await ReachQuery.reach(
            couloir: couloir, territory: territory, since: since.flatMap(Day.init(iso:)), at: Day(iso: at)!, on: sql)
    }
}
