import Foundation
import JalonCore
import SQLKit

extension Dashboard {
    struct NoRoadmap: Error {}

    static func query(at: Day, territory code: String?, couloir: Couloir?, on db: any SQLDatabase) async throws
        -> Model?
    {
        struct R: Decodable {
            var id: UUID
            var name: String
            var region_code: String?
        }
        guard
            let roadmap = try await db.select().columns("id", "name", "region_code").from("roadmaps").orderBy(
                "created_at"
            ).first(decoding: R.self)
        else { return nil }
        let fallback = roadmap.region_code ?? "FR"
        var found = try await TerritoryQuery.find(code ?? fallback, on: db)
        if found == nil { found = try await TerritoryQuery.find(fallback, on: db) }
        guard let territory = found else { return nil }
        struct O: Decodable {
            var id: UUID
            var number: Int
            var title: String
        }
        struct F: Decodable {
            var id: UUID
            var objective_id: UUID?
            var code: String
            var title: String
        }
        struct L: Decodable {
            var fiche_id: UUID
            var indicator_code: String
        }
        let objectives = try await db.select().columns("id", "number", "title").from("objectives").where(
            "roadmap_id", .equal, roadmap.id
        ).orderBy("number").all(decoding: O.self)
        let fiches = try await db.select().columns("id", "objective_id", "code", "title").from("fiches").where(
            "roadmap_id", .equal, roadmap.id
        ).orderBy("sort").all(decoding: F.self)
        let links = try await db.raw(
            """
            SELECT fi.fiche_id, fi.indicator_code FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) ORDER BY fi.sort
            """
        ).all(decoding: L.self)
        let indicators = Dictionary(
            try await IndicatorQuery.all(on: db).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        // One read of the roll-up layer and of the targets for the whole table.
        let codes = Array(Set(links.map(\.indicator_code)))
        let cached = try await RollupCache.get(indicators: codes, territory: territory.code, on: db)
        let targets = try await ProgressQuery.targets(codes: codes, territory: territory.code, on: db)
        var rowsByFiche: [UUID: [Row]] = [:]
        for link in links {
            guard let indicator = indicators[link.indicator_code] else { continue }
            if let couloir, !couloir.members.contains(where: { indicator.definition.couloir.members.contains($0) }) {
                continue
            }
            let r = try await ProgressQuery.progress(
                indicator: indicator, territory: territory, couloir: nil, at: at, cached: cached, targets: targets,
                on: db)
            let d = indicator.definition
            let trend = ProgressEngine.levels(
                of: r.series.points.filter { $0.period.end <= at }, nature: d.nature, cumulativeSince: d.cumulativeSince
            ).suffix(12).map(\.1)
            rowsByFiche[link.fiche_id, default: []].append(
                Row(
                    code: d.code, label: d.label, couloir: r.couloir.rawValue,
                    target: IndicatorFormat.target(r.progress.target, d),
                    due: r.progress.target.map { Milestone.label($0.due) } ?? "",
                    value: IndicatorFormat.value(r.progress.value, d),
                    valueDate: r.progress.valueDate.map { Format.date(iso: $0.iso) } ?? "",
                    realisation: IndicatorFormat.ratio(r.progress.realisation),
                    status: r.progress.status, trend: Array(trend), inconsistent: r.inconsistent,
                    provenance: r.series.provenance))
        }
        let blocks = objectives.map { o in
            Objective(
                number: o.number, title: o.title,
                fiches: fiches.filter { $0.objective_id == o.id }.compactMap { f in
                    guard let rows = rowsByFiche[f.id], !rows.isEmpty else { return nil }
                    return Fiche(code: f.code, title: f.title, rows: rows)
                })
        }
        var choices = [territory]
        if let region = try await TerritoryQuery.find(fallback, on: db) {
            choices =
                [region] + (try await TerritoryQuery.list(kind: .departement, parent: region.code, on: db))
                + (try await TerritoryQuery.list(kind: .custom, parent: region.code, on: db))
        }
        return Model(
            roadmapName: roadmap.name, at: at, territory: territory, couloir: couloir, objectives: blocks,
            territoryChoices: choices)
    }
}
