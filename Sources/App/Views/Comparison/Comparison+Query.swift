import Foundation
import JalonCore
import SQLKit

extension Comparison {
    static func query(grouping: String?, at: Day, couloir: Couloir?, on db: any SQLDatabase) async throws -> Model? {
        struct R: Decodable {
            var id: UUID
            var region_code: String?
        }
        guard
            let roadmap = try await db.select().columns("id", "region_code").from("roadmaps").orderBy("created_at")
                .first(decoding: R.self),
            let region = try await TerritoryQuery.find(roadmap.region_code ?? "FR", on: db)
        else { return nil }
        let decoupages = try await DecoupageQuery.all(on: db).filter { $0.regionCode == region.code }
        let chosen = grouping ?? "departements"
        var territories: [Territory]
        if let d = decoupages.first(where: { $0.code == chosen }) {
            territories = try await DecoupageQuery.territories(of: d.id, on: db)
        } else {
            territories = try await TerritoryQuery.list(kind: .departement, parent: region.code, on: db)
        }
        territories.append(region)
        struct L: Decodable { var indicator_code: String }
        let codes = try await db.raw(
            """
            SELECT fi.indicator_code FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) ORDER BY f.sort, fi.sort
            """
        ).all(decoding: L.self).map(\.indicator_code)
        var cached: [String: [String: RollupCache.Entry]] = [:]
        var targets: [String: [String: [TargetPoint]]] = [:]
        for t in territories {
            cached[t.code] = try await RollupCache.get(indicators: codes, territory: t.code, on: db)
            targets[t.code] = try await ProgressQuery.targets(codes: codes, territory: t.code, on: db)
        }
        var rows: [Row] = []
        for code in codes {
            guard let indicator = try await IndicatorQuery.find(code, on: db) else { continue }
            let d = indicator.definition
            if let couloir, !couloir.members.contains(where: { d.couloir.members.contains($0) }) { continue }
            var cells: [Cell] = []
            for t in territories {
                let r = try await ProgressQuery.progress(
                    indicator: indicator, territory: t, couloir: nil, at: at, cached: cached[t.code],
                    targets: targets[t.code], on: db)
                cells.append(Cell(value: IndicatorFormat.value(r.progress.value, d), status: r.progress.status))
            }
            rows.append(Row(code: d.code, label: d.label, couloir: d.couloir.rawValue, cells: cells))
        }
        return Model(
            at: at, couloir: couloir, grouping: decoupages.contains { $0.code == chosen } ? chosen : "departements",
            groupings: [("departements", "Départements")] + decoupages.map { ($0.code, $0.name) },
            territories: territories, rows: rows)
    }
}
