import Foundation
import JalonCore
import SQLKit

/// The companion measure shown in the same cell as an indicator's value, as the seeds print the INSi
/// calls with their unique users: "nb d'appels : 150 334 — nb d'utilisateurs : 106".
enum CompanionQuery {
    /// The cell: the value alone when the indicator has no companion or the companion has no value; else
    /// each measure named by its unit (its label when it has none), the companion read in the same couloir.
    static func cell(
        _ value: String, of indicator: StoredIndicator, territory: Territory, couloir: Couloir, at: Day,
        roadmap: String?, indicators: [String: StoredIndicator]? = nil, on db: any SQLDatabase
    ) async throws -> String {
        guard !indicator.companion.isEmpty, !value.isEmpty, value != "—" else { return value }
        var companion = indicators?[indicator.companion]
        if companion == nil { companion = try await IndicatorQuery.find(indicator.companion, on: db) }
        guard let companion else { return value }
        let progress = try await ProgressQuery.progress(
            indicator: companion, territory: territory, couloir: couloir, at: at, roadmap: roadmap, on: db
        ).progress
        guard let companionValue = progress.value else { return value }
        return joined(value, unit: indicator.unit, companion: companion, companionValue: companionValue)
    }

    /// "nb d'appels : 150 334 — nb d'utilisateurs : 106".
    static func joined(_ value: String, unit: String, companion: StoredIndicator, companionValue: Double) -> String {
        let name = companion.unit.isEmpty ? companion.definition.label : companion.unit
        return (unit.isEmpty ? value : "\(unit) : \(value)") + " — \(name) : "
            + IndicatorFormat.value(companionValue, companion.definition)
    }
}
