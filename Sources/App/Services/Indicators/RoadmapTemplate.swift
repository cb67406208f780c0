import Foundation
import JalonCore
import SQLKit

/// Roadmaps created from a template shipped with Jalon (`Resources/templates/<name>.csv`):
/// objectives, fiches, actions, indicators with their couloirs and sources, and the targets printed
/// at each milestone, set on the région. Running it again changes nothing.
enum RoadmapTemplate {
    static let available = ["segur-2021-2023"]

    static let objectives = [
        1: "Bâtir et animer une feuille de route régionale partagée",
        2: "Acculturer, sensibiliser, informer l'écosystème",
        3: "Accompagner le déploiement des services socles et encourager les usages",
        4: "Contribuer au renforcement de la cybersécurité"
    ]

    /// Milestone columns of the template and the due dates they stand for.
    static let milestones: [(column: String, due: String)] = [
        ("cible_fin_2021", "fin 2021"), ("cible_mi_2022", "mi-2022"), ("cible_fin_2022", "fin 2022"),
        ("cible_mai_2023", "mai 2023"), ("cible_fin_2023", "fin 2023")
    ]

    struct Summary: Sendable, Equatable {
        var roadmap: String
        var objectives = 0, fiches = 0, actions = 0, indicatorsWritten = 0, indicators = 0, targetsWritten = 0,
            targets = 0
        var text: String {
            "Feuille de route « \(roadmap) » : \(objectives) objectifs, \(fiches) fiches, \(actions) actions, "
                + "\(indicators) indicateurs (\(indicatorsWritten) créés ou modifiés), "
                + "\(targets) cibles (\(targetsWritten) créées ou modifiées)."
        }
    }

    static func rows(_ name: String) throws -> [[String: String]] {
        guard available.contains(name),
            let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources/templates")
        else {
            throw ServiceError.invalid(
                "Modèle inconnu « \(name) » (disponibles : \(available.joined(separator: ", "))).")
        }
        let records = try CSVReader(separator: ";").records(TextDecoding.decode(try Data(contentsOf: url)).text)
        guard let header = records.first?.fields else { return [] }
        return records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, record[$0.offset]) })
        }
    }

    /// The région of the first roadmap created, which pages show when no territory is asked for.
    static func firstRoadmapRegion(on db: any SQLDatabase) async throws -> String? {
        struct RegionRow: Decodable { var regionCode: String? }
        return try await db.select().column("region_code").from("roadmaps").orderBy("created_at")
            .first(decoding: RegionRow.self, with: .snakeCase)?.regionCode
    }

    static func create(_ name: String, region regionCode: String, on db: any SQLDatabase, actor: Actor) async throws
        -> Summary
    {
        let rows = try rows(name)
        guard let region = try await TerritoryQuery.find(regionCode, on: db), region.kind == .region else {
            throw ServiceError.invalid(
                "Région inconnue « \(regionCode) » : "
                    + "chargez la géographie (jalon import cog) et donnez un code comme R32.")
        }
        let code = "\(name)-\(region.code)".lowercased()
        var summary = Summary(roadmap: code)
        struct IDRow: Decodable { var id: UUID }
        let roadmapID: UUID
        if let existing = try await db.select().column("id").from("roadmaps").where("code", .equal, code).first(
            decoding: IDRow.self)
        {
            roadmapID = existing.id
        } else {
            roadmapID = UUID()
            try await db.insert(into: "roadmaps").columns(
                "id", "code", "name", "region_code", "start_on", "end_on", "created_at"
            )
            .values(
                SQLBind(roadmapID), SQLBind(code),
                SQLBind("Feuille de route Ségur du numérique 2021-2023 — \(region.name)"), SQLBind(region.code),
                SQLBind("2021-01-01"), SQLBind("2023-12-31"), SQLBind(Date())
            ).run()
            try await AuditService.record(
                db, actor: actor, action: "create", objectType: "roadmap", objectID: code,
                summary: "Feuille de route créée depuis le modèle \(name)")
        }
        // Objectives
        var objectiveIDs: [Int: UUID] = [:]
        for (number, title) in objectives.sorted(by: { $0.key < $1.key }) {
            if let objective = try await db.select().column("id").from("objectives")
                .where("roadmap_id", .equal, roadmapID)
                .where("number", .equal, number).first(decoding: IDRow.self)
            {
                objectiveIDs[number] = objective.id
            } else {
                let id = UUID()
                try await db.insert(into: "objectives").columns("id", "roadmap_id", "number", "title")
                    .values(SQLBind(id), SQLBind(roadmapID), SQLBind(number), SQLBind(title)).run()
                objectiveIDs[number] = id
            }
        }
        summary.objectives = objectiveIDs.count
        // Fiches and actions, in the template's order
        var ficheIDs: [String: UUID] = [:]
        var actionNumbers: [String: [String]] = [:]
        for row in rows {
            let fiche = row["fiche"] ?? "Autres"
            if ficheIDs[fiche] == nil {
                let slug = DecoupageService.slug(fiche)
                if let stored = try await db.select().column("id").from("fiches").where("roadmap_id", .equal, roadmapID)
                    .where("code", .equal, slug).first(decoding: IDRow.self)
                {
                    ficheIDs[fiche] = stored.id
                } else {
                    let id = UUID()
                    try await db.insert(into: "fiches").columns(
                        "id", "roadmap_id", "objective_id", "code", "title", "service_code", "objectives_text",
                        "levers", "obstacles", "sort"
                    )
                    .values(
                        SQLBind(id), SQLBind(roadmapID), SQLBind(objectiveIDs[Int(row["objectif"] ?? "") ?? 0]),
                        SQLBind(slug), SQLBind(fiche),
                        SQLBind(String?.none), SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(ficheIDs.count)
                    ).run()
                    ficheIDs[fiche] = id
                }
            }
            let action = row["action"] ?? ""
            if !action.isEmpty, !(actionNumbers[fiche] ?? []).contains(action) {
                actionNumbers[fiche, default: []].append(action)
                let number = actionNumbers[fiche]!.count
                if try await db.select().column("id").from("actions").where("fiche_id", .equal, ficheIDs[fiche]!)
                    .where("number", .equal, number).first(decoding: IDRow.self) == nil
                {
                    try await db.insert(into: "actions").columns(
                        "id", "fiche_id", "number", "title", "description", "pilot_code", "status", "start_on", "end_on"
                    )
                    .values(
                        SQLBind(UUID()), SQLBind(ficheIDs[fiche]!), SQLBind(number), SQLBind(action), SQLBind(""),
                        SQLBind(String?.none),
                        SQLBind("en_cours"), SQLBind("2021-01-01"), SQLBind("2023-12-31")
                    ).run()
                }
            }
        }
        summary.fiches = ficheIDs.count
        summary.actions = actionNumbers.values.reduce(0) { $0 + $1.count }
        // Indicators, their fiche, their targets on the région
        for (sort, row) in rows.enumerated() {
            guard let code = row["code"], !code.isEmpty else { continue }
            let input = IndicatorService.Input(
                code: code, label: row["libelle"] ?? code, service: row["service"], couloir: row["couloir"],
                source: row["source"], type: row["type"], unit: nil, nature: row["nature"],
                cumulativeSince: row["nature"] == "flow" ? "2021-06" : nil, periodicity: nil,
                rollup: row["regle"], direction: row["sens"], formula: nil, computed: row["calcul"])
            if try await IndicatorService.upsert(input, on: db, actor: actor) { summary.indicatorsWritten += 1 }
            summary.indicators += 1
            if let fiche = ficheIDs[row["fiche"] ?? ""] {
                try await db.insert(into: "fiche_indicators").columns("fiche_id", "indicator_code", "sort")
                    .values(SQLBind(fiche), SQLBind(code), SQLBind(sort)).ignoringConflicts().run()
            }
            for milestone in milestones {
                guard let raw = row[milestone.column]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
                    continue
                }
                summary.targets += 1
                if try await TargetService.set(
                    .init(
                        indicator: code, territory: region.code, couloir: row["couloir"], due: milestone.due,
                        target: raw),
                    allowText: true, on: db, actor: actor)
                {
                    summary.targetsWritten += 1
                }
            }
        }
        return summary
    }
}
