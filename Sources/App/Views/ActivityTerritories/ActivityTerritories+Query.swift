import JalonCore
import SQLKit

extension ActivityTerritories {
    /// `territory` (a code or a name) and the territories around it, with their actions and reach
    /// between `since` and `at`, and the actions per topic; nil when the territory is unknown.
    /// `publicDirectory` holds the map asset: without it the page has no map.
    static func query(
        territory raw: String, since: Day?, at: Day, mapCouloir: Couloir, publicDirectory: String,
        on db: any SQLDatabase
    ) async throws -> Model? {
        guard let code = try await ObservationLookups(db).territory(raw),
            let territory = try await TerritoryQuery.find(code, on: db)
        else { return nil }
        let list = try await ReachQuery.territories(around: territory, on: db)
        let table = try await ReachQuery.table(territories: list.map(\.code), since: since, at: at, on: db)
        var rows: [(territory: Territory, actions: Int, reach: [Couloir: StructureReach])] = []
        for around in list {
            rows.append(
                (
                    around, try await ReachQuery.actions(territory: around.code, since: since, at: at, on: db),
                    table[around.code] ?? [:]
                ))
        }
        let topics = try await ReachQuery.perTopic(territory: territory.code, since: since, at: at, on: db)
        let areas: [DepartementMap.Area] = rows.filter { $0.territory.kind == .departement }.compactMap { row in
            guard let reach = row.reach[mapCouloir], let share = reach.share else { return nil }
            let kind = share >= 0.75 ? "success" : share >= 0.5 ? "info" : share >= 0.25 ? "warning" : "error"
            return .init(
                code: row.territory.insee, colour: DepartementMap.colour(kind),
                title:
                    "\(row.territory.name) : \(Format.percent(share)) des structures \(mapCouloir.rawValue) touchées "
                    + "(\(reach.reached) / \(reach.open))")
        }
        let map =
            areas.isEmpty
            ? nil
            : DepartementMap.render(
                areas, publicDirectory: publicDirectory,
                caption: "Carte des départements — structures \(mapCouloir.rawValue) touchées")
        return Model(
            territory: territory, rows: rows, topics: topics, since: since, at: at, map: map, mapCouloir: mapCouloir)
    }
}
