import Foundation
import JalonCore
import SQLKit

extension ComparisonShow {
    static func query(
        grouping: String?, at: Day, couloir: Couloir?, roadmap asked: String? = nil, on db: any SQLDatabase
    ) async throws -> Model? {
        let roadmaps = try await RoadmapQuery.all(on: db)
        guard let roadmap = try await RoadmapQuery.chosen(asked, today: Day.today(), listed: roadmaps, on: db),
            let region = try await TerritoryQuery.find(roadmap.regionCode ?? "FR", on: db)
        else { return nil }
        let decoupages = try await DecoupageQuery.all(on: db).filter { $0.regionCode == region.code }
        let chosen = grouping ?? "departements"
        var territories: [Territory]
        if let decoupage = decoupages.first(where: { $0.code == chosen }) {
            territories = try await DecoupageQuery.territories(of: decoupage.id, on: db)
        } else {
            territories = try await TerritoryQuery.list(kind: .departement, parent: region.code, on: db)
        }
        territories.append(region)
        struct FicheIndicatorRow: Decodable { var indicatorCode: String }
        let codes = try await db.raw(
            """
            SELECT fi.indicator_code FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) ORDER BY f.sort, fi.sort
            """
        ).all(decoding: FicheIndicatorRow.self, with: .snakeCase).map(\.indicatorCode)
        var cached: [String: [SeriesKey: RollupCache.Entry]] = [:]
        var targets: [String: [SeriesKey: [TargetPoint]]] = [:]
        for territory in territories {
            cached[territory.code] = try await RollupCache.get(indicators: codes, territory: territory.code, on: db)
            targets[territory.code] = try await ProgressQuery.targets(
                codes: codes, territory: territory.code, roadmap: roadmap.code, on: db)
        }
        var rows: [Row] = []
        for code in codes {
            guard let indicator = try await IndicatorQuery.find(code, on: db) else { continue }
            let definition = indicator.definition
            if let couloir, !couloir.members.contains(where: { definition.couloir.members.contains($0) }) { continue }
            var cells: [Cell] = []
            for territory in territories {
                let progress = try await ProgressQuery.progress(
                    indicator: indicator, territory: territory, couloir: nil, at: at, roadmap: roadmap.code,
                    cached: cached[territory.code],
                    targets: targets[territory.code], on: db
                ).progress
                cells.append(Cell(value: IndicatorFormat.value(progress.value, definition), status: progress.status))
            }
            rows.append(
                Row(code: definition.code, label: definition.label, couloir: definition.couloir.rawValue, cells: cells))
        }
        return Model(
            roadmap: roadmap, roadmapChoices: roadmaps, at: at, couloir: couloir,
            grouping: decoupages.contains { $0.code == chosen } ? chosen : "departements",
            groupings: [("departements", "Départements")] + decoupages.map { ($0.code, $0.name) },
            territories: territories, rows: rows)
    }
}
