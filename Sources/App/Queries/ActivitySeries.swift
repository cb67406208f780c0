import Foundation
import JalonCore
import SQLKit

/// The series of an indicator computed from the activity log, month by month from the first activity
/// to the current month: counts per month for actions and participants (flows, cumulated by the
/// progress engine), the reach at each month end for the reach indicators (stocks).
enum ActivitySeries {
    static func series(
        _ m: ActivityMeasure, indicator: IndicatorDefinition, territory: Territory, couloir: Couloir,
        today: Day = .today(),
        on db: any SQLDatabase
    ) async throws -> ProgressQuery.Series {
        let provenance = "calculé depuis le journal des activités : \(m.label)"
        switch m.kind {
        case .actions, .actionsOfType, .actionsOnTopic, .participants:
            let dated = try await ReachQuery.activities(territory: territory.code, type: m.type, topic: m.topic, on: db)
            guard let first = dated.map(\.date).min() else {
                return .init(points: [], provenance: provenance, isOwn: false)
            }
            var perMonth: [String: Double] = [:]
            for a in dated {
                perMonth[Period.month(a.date.year, a.date.month).description, default: 0] +=
                    m.kind == .participants ? Double(a.participants) : 1
            }
            let points = months(from: first, to: max(today, dated.map(\.date).max()!)).map { p in
                ObservationPoint(period: p, value: perMonth[p.description] ?? 0)
            }
            return .init(points: points, provenance: provenance, isOwn: false)
        case .reachShare, .reachCount:
            let scope = m.couloir ?? couloir
            let (firsts, open) = try await ReachQuery.firstReached(
                couloir: scope, territory: territory.code, since: indicator.cumulativeSince, on: db)
            guard let first = firsts.first else { return .init(points: [], provenance: provenance, isOwn: false) }
            var reached = 0
            var i = 0
            let points: [ObservationPoint] = months(from: first, to: max(today, firsts.last!)).compactMap { p in
                while i < firsts.count, firsts[i] <= p.end {
                    reached += 1
                    i += 1
                }
                if m.kind == .reachCount { return ObservationPoint(period: p, value: Double(reached)) }
                guard open > 0 else { return nil }
                return ObservationPoint(
                    period: p, value: Double(reached) / Double(open), numerator: Double(reached),
                    denominator: Double(open))
            }
            return .init(points: points, provenance: provenance + " (\(open) ouvertes)", isOwn: false)
        }
    }

    static func months(from start: Day, to end: Day) -> [Period] {
        var out: [Period] = []
        var d = Day(start.year, start.month, 1)
        while d <= end {
            out.append(.month(d.year, d.month))
            d = d.addingMonths(1)
        }
        return out
    }
}
