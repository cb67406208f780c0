import Foundation
import JalonCore
import SQLKit

/// The series of an indicator computed from the activity log, month by month from the first activity
/// to the current month: counts per month for actions and participants (flows, cumulated by the
/// progress engine), the reach at each month end for the reach indicators (stocks).
enum ActivitySeries {
    static func series(
        _ measure: ActivityMeasure, indicator: IndicatorDefinition, territory: Territory, couloir: Couloir,
        today: Day = .today(),
        on db: any SQLDatabase
    ) async throws -> ProgressQuery.Series {
        let provenance = "calculé depuis le journal des activités : \(measure.label)"
        switch measure.kind {
        case .actions, .actionsOfType, .actionsOnTopic, .participants:
            let dated = try await ReachQuery.activities(
                territory: territory.code, type: measure.type, topic: measure.topic, on: db)
            guard let first = dated.map(\.date).min() else {
                return .init(points: [], provenance: provenance, isOwn: false)
            }
            var perMonth: [String: Double] = [:]
            for activity in dated {
                perMonth[Period.month(activity.date.year, activity.date.month).description, default: 0] +=
                    measure.kind == .participants ? Double(activity.participants) : 1
            }
            let points = months(from: first, to: max(today, dated.map(\.date).max()!)).map { month in
                ObservationPoint(period: month, value: perMonth[month.description] ?? 0)
            }
            return .init(points: points, provenance: provenance, isOwn: false)
        case .reachShare, .reachCount:
            let scope = measure.couloir ?? couloir
            let (firsts, open) = try await ReachQuery.firstReached(
                couloir: scope, territory: territory.code, since: indicator.cumulativeSince, on: db)
            guard let first = firsts.first else { return .init(points: [], provenance: provenance, isOwn: false) }
            var reached = 0
            var next = 0
            let points: [ObservationPoint] = months(from: first, to: max(today, firsts.last!)).compactMap { month in
                while next < firsts.count, firsts[next] <= month.end {
                    reached += 1
                    next += 1
                }
                if measure.kind == .reachCount { return ObservationPoint(period: month, value: Double(reached)) }
                guard open > 0 else { return nil }
                return ObservationPoint(
                    period: month, value: Double(reached) / Double(open), numerator: Double(reached),
                    denominator: Double(open))
            }
            return .init(points: points, provenance: provenance + " (\(open) ouvertes)", isOwn: false)
        }
    }

    static func months(from start: Day, to end: Day) -> [Period] {
        var months: [Period] = []
        var day = Day(start.year, start.month, 1)
        while day <= end {
            months.append(.month(day.year, day.month))
            day = day.addingMonths(1)
        }
        return months
    }
}
