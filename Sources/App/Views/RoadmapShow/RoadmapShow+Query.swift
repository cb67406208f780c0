import Foundation
import JalonCore
import SQLKit

extension RoadmapShow {
    /// `roadmap`: the code asked for (`?feuille=`); the current roadmap when nil or unknown.
    static func query(
        at: Day, territory code: String?, couloir: Couloir?, roadmap asked: String? = nil,
        showVariations: Bool = false, on db: any SQLDatabase
    ) async throws -> Model? {
        let roadmaps = try await RoadmapQuery.all(on: db)
        guard let roadmap = try await RoadmapQuery.chosen(asked, today: Day.today(), listed: roadmaps, on: db) else {
            return nil
        }
        let fallback = roadmap.regionCode ?? "FR"
        var found = try await TerritoryQuery.find(code ?? fallback, on: db)
        if found == nil { found = try await TerritoryQuery.find(fallback, on: db) }
        guard let territory = found else { return nil }
        struct ObjectiveRow: Decodable {
            var id: UUID
            var number: Int
            var title: String
        }
        struct FicheRow: Decodable {
            var id: UUID
            var objectiveID: UUID?
            var code: String
            var title: String
        }
        struct FicheIndicatorRow: Decodable {
            var ficheID: UUID
            var indicatorCode: String
        }
        let objectives = try await db.select().columns("id", "number", "title").from("objectives").where(
            "roadmap_id", .equal, roadmap.id
        ).orderBy("number").all(decoding: ObjectiveRow.self)
        let fiches = try await db.select().columns("id", "objective_id", "code", "title").from("fiches").where(
            "roadmap_id", .equal, roadmap.id
        ).orderBy("sort").all(decoding: FicheRow.self, with: .snakeCase)
        let links = try await db.raw(
            """
            SELECT fi.fiche_id, fi.indicator_code FROM fiche_indicators fi JOIN fiches f ON f.id = fi.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id) ORDER BY fi.sort
            """
        ).all(decoding: FicheIndicatorRow.self, with: .snakeCase)
        let indicators = Dictionary(
            try await IndicatorQuery.all(on: db).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        // One read of the roll-up layer and of the targets for the whole table.
        let codes = Array(Set(links.map(\.indicatorCode)))
        let cached = try await RollupCache.get(indicators: codes, territory: territory.code, on: db)
        let targets = try await ProgressQuery.targets(
            codes: codes, territory: territory.code, roadmap: roadmap.code, on: db)
        let notes = try await ObservationNotes.latest(codes: codes, territory: territory.code, at: at, on: db)
        var rowsByFiche: [UUID: [Row]] = [:]
        for link in links {
            guard let indicator = indicators[link.indicatorCode] else { continue }
            if let couloir, !couloir.members.contains(where: { indicator.definition.couloir.members.contains($0) }) {
                continue
            }
            let result = try await ProgressQuery.progress(
                indicator: indicator, territory: territory, couloir: nil, at: at, roadmap: roadmap.code, cached: cached,
                targets: targets, on: db)
            let definition = indicator.definition
            let progress = result.progress
            let levels = ProgressEngine.levels(
                of: result.series.points.filter { $0.period.end <= at }, nature: definition.nature,
                cumulativeSince: definition.cumulativeSince)
            let trend = levels.suffix(12).map(\.1)
            var row = Row(
                code: definition.code, label: definition.label, couloir: result.couloir.rawValue,
                target: IndicatorFormat.target(progress.target, definition),
                due: progress.target.map { Milestone.label($0.due) } ?? "",
                value: IndicatorFormat.value(progress.value, definition),
                valueDate: progress.valueDate.map { Format.date(iso: $0.iso) } ?? "",
                realisation: IndicatorFormat.ratio(progress.realisation),
                status: progress.status, trend: Array(trend), inconsistent: result.inconsistent,
                provenance: result.series.provenance,
                variations: Variations.of(levels: levels, at: at, baseline: progress.target?.baseline))
            if result.series.isOwn {
                ObservationNotes.apply(
                    notes[SeriesKey(indicator: definition.code, couloir: result.couloir.rawValue)], value: &row.value,
                    valueDate: &row.valueDate, status: &row.status, comment: &row.comment,
                    shownDate: progress.valueDate)
            }
            row.value = try await CompanionQuery.cell(
                row.value, of: indicator, territory: territory, couloir: result.couloir, at: at, roadmap: roadmap.code,
                indicators: indicators, on: db)
            rowsByFiche[link.ficheID, default: []].append(row)
        }
        let blocks = objectives.map { objective in
            Objective(
                number: objective.number, title: objective.title,
                fiches: fiches.filter { $0.objectiveID == objective.id }.compactMap { fiche in
                    guard let rows = rowsByFiche[fiche.id], !rows.isEmpty else { return nil }
                    return Fiche(code: fiche.code, title: fiche.title, rows: rows)
                })
        }
        var choices = [territory]
        if let region = try await TerritoryQuery.find(fallback, on: db) {
            choices =
                [region] + (try await TerritoryQuery.list(kind: .departement, parent: region.code, on: db))
                + (try await TerritoryQuery.list(kind: .custom, parent: region.code, on: db))
        }
        return Model(
            roadmap: roadmap, roadmapChoices: roadmaps, at: at, territory: territory, couloir: couloir,
            objectives: blocks, territoryChoices: choices, showVariations: showVariations)
    }
}
