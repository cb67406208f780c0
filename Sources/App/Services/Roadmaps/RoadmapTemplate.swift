import Foundation
import JalonCore
import SQLKit

/// The roadmaps shipped with Jalon (`Resources/templates/`), written for a région through the one
/// roadmap writer. `feuille-de-route-2023-2027` is a roadmap document (JSON); `segur-2021-2023` keeps
/// its historical CSV table (one line per indicator), read into a document. Running it again changes nothing.
enum RoadmapTemplate {
    typealias Summary = RoadmapDocumentService.Summary

    static let available = ["feuille-de-route-2023-2027", "segur-2021-2023"]

    static let csvObjectives = [
        1: "Bâtir et animer une feuille de route régionale partagée",
        2: "Acculturer, sensibiliser, informer l'écosystème",
        3: "Accompagner le déploiement des services socles et encourager les usages",
        4: "Contribuer au renforcement de la cybersécurité"
    ]

    /// Milestone columns of the CSV template and the due dates they stand for.
    static let milestones: [(column: String, due: String)] = [
        ("cible_fin_2021", "fin 2021"), ("cible_mi_2022", "mi-2022"), ("cible_fin_2022", "fin 2022"),
        ("cible_mai_2023", "mai 2023"), ("cible_fin_2023", "fin 2023")
    ]

    static func url(_ name: String, extension fileExtension: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Resources/templates")
    }

    static func document(_ name: String) throws -> RoadmapDocument {
        guard available.contains(name) else {
            throw ServiceError.invalid(
                "Modèle inconnu « \(name.prefix(40)) » (disponibles : \(available.joined(separator: ", "))).")
        }
        if let json = url(name, extension: "json") {
            return try RoadmapDocument.decode(try Data(contentsOf: json), file: name + ".json")
        }
        guard let csv = url(name, extension: "csv") else {
            throw ServiceError.invalid("Modèle « \(name) » absent de cette installation.")
        }
        return try document(csvRows: try rows(csv), code: name)
    }

    static func rows(_ url: URL) throws -> [[String: String]] {
        let records = try CSVReader(separator: ";").records(TextDecoding.decode(try Data(contentsOf: url)).text)
        guard let header = records.first?.fields else { return [] }
        return records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, record[$0.offset]) })
        }
    }

    /// The 2021–2023 national template: one line per indicator naming its objective, fiche and action.
    static func document(csvRows rows: [[String: String]], code: String) throws -> RoadmapDocument {
        var fiches: [RoadmapDocument.Fiche] = []
        var indicators: [RoadmapDocument.Indicator] = []
        for row in rows {
            let title = row["fiche"] ?? "Autres"
            let ficheCode = DecoupageService.slug(title)
            if !fiches.contains(where: { $0.code == ficheCode }) {
                // The fiche's service is its first indicator's: the CSV names no other.
                let service = row["service"].flatMap { $0.isEmpty ? nil : $0 }
                fiches.append(
                    .init(code: ficheCode, title: title, objective: Int(row["objectif"] ?? ""), service: service))
            }
            let index = fiches.firstIndex { $0.code == ficheCode }!
            let action = row["action"] ?? ""
            if !action.isEmpty, !fiches[index].actions.contains(where: { $0.title == action }) {
                fiches[index].actions.append(
                    .init(
                        number: fiches[index].actions.count + 1, title: action, status: "en_cours",
                        startOn: "2021-01-01", endOn: "2023-12-31"))
            }
            guard let indicator = row["code"], !indicator.isEmpty else { continue }
            let targets = milestones.compactMap { milestone -> RoadmapDocument.Target? in
                guard let raw = row[milestone.column]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
                    return nil
                }
                return .init(due: milestone.due, target: raw)
            }
            fiches[index].indicators.append(.init(code: indicator, targets: targets))
            indicators.append(
                .init(
                    code: indicator, label: row["libelle"] ?? indicator, service: row["service"] ?? "",
                    couloir: row["couloir"] ?? "", source: row["source"] ?? "", type: row["type"] ?? "",
                    nature: row["nature"] ?? "", cumulativeSince: row["nature"] == "flow" ? "2021-06" : nil,
                    rollup: row["regle"] ?? "", direction: row["sens"] ?? "", computed: row["calcul"]))
        }
        return RoadmapDocument(
            code: code, title: "Feuille de route Ségur du numérique 2021-2023", region: nil, startOn: "2021-01-01",
            endOn: "2023-12-31", status: RoadmapStatus.running.rawValue,
            objectives: csvObjectives.sorted { $0.key < $1.key }.map { .init(number: $0.key, title: $0.value) },
            fiches: fiches, indicators: indicators)
    }

    /// The région of the current roadmap, which pages show when no territory is asked for.
    static func currentRegion(today: Day, on db: any SQLDatabase) async throws -> String? {
        try await RoadmapQuery.chosen(nil, today: today, on: db)?.regionCode
    }

    static func create(_ name: String, region regionCode: String, on db: any SQLDatabase, actor: Actor) async throws
        -> Summary
    {
        try await RoadmapDocumentService.write(
            try document(name), region: regionCode, file: name, on: db, actor: actor)
    }
}
