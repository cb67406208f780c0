import JalonCore
import SQLKit

extension ActivityWorklist {
    /// The structures of `couloir` in the territory `raw` (a code or a name) not reached since `notSince`,
    /// or not yet using the service of `indicator`; no structure until a territory is given, and the
    /// reason when it is unknown.
    static func query(
        territory raw: String, couloir: Couloir, notSince: Day?, indicator: String?, on db: any SQLDatabase
    ) async throws -> Model {
        // Only a structure-level, stored indicator says whether a structure uses a service.
        let indicators = try await IndicatorQuery.all(on: db).filter {
            [.shareOfStructures, .countOfStructures].contains($0.definition.rollup) && $0.definition.computed == nil
        }
        .map { (code: $0.code, label: $0.definition.label) }
        var model = Model(
            territory: nil, territoryInput: raw, couloir: couloir, notSince: notSince, indicator: indicator,
            indicators: indicators, items: [])
        guard !raw.isEmpty else { return model }
        if let code = try await ObservationLookups(db).territory(raw),
            let territory = try await TerritoryQuery.find(code, on: db)
        {
            model.territory = territory
            model.items = try await WorklistQuery.items(
                territory: territory.code, couloir: couloir, notSince: notSince, withoutService: indicator, on: db)
        } else {
            model.error = "Territoire inconnu « \(raw) »."
        }
        return model
    }
}
