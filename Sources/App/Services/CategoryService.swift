import Foundation
import JalonCore
import SQLKit

/// The couloir classification of FINESS categories: shipped defaults, adjustable from a page or a CSV.
enum CategoryService {
    /// The shipped table (`Resources/category_couloirs.csv`: categorie;libelle;agregat;couloir).
    static let defaults: [FinessCategory] = {
        guard
            let url = Bundle.module.url(
                forResource: "category_couloirs", withExtension: "csv", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url),
            let records = try? CSVReader(separator: ";").records(TextDecoding.decode(data).text)
        else { return [] }
        return records.dropFirst().compactMap { record in
            guard !record[0].isEmpty, Couloir(code: record[3]) != nil else { return nil }
            return FinessCategory(
                code: record[0], label: record[1], aggregateCode: record[2], couloir: record[3],
                defaultCouloir: record[3])
        }
    }()

    /// Shipped labels by code: the JSON flux gives no category label (looked up per record, hence a
    /// dictionary).
    static let defaultLabels: [String: String] = Dictionary(
        defaults.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })

    /// The couloir of a category unknown to the table, from its FINESS aggregate (DOMAIN.md §5).
    static func couloir(forAggregate aggregate: String) -> Couloir {
        switch aggregate {
        case let code where code.hasPrefix("11") || code.hasPrefix("12"): .es
        case "4401", "4402", "4404": .msPA
        case let code where ("4101"..."4107").contains(code) || ("4301"..."4305").contains(code): .msPH
        case let code where code.hasPrefix("4"): .msAutres
        case "3101": .bio
        default: .autres
        }
    }

    /// Inserts the shipped categories that are missing; never overwrites a user's choice.
    static func installDefaults(on db: any SQLDatabase) async throws {
        let existing = Set(try await all(on: db).map(\.code))
        let now = Date()
        let rows: [[any Encodable & Sendable]] = defaults.filter { !existing.contains($0.code) }
            .map { [$0.code, $0.label, $0.aggregateCode, $0.couloir, $0.defaultCouloir, now] }
        try await db.insertBatched(
            into: "categories",
            columns: ["code", "label", "aggregate_code", "couloir", "default_couloir", "updated_at"], rows: rows)
    }

    static func all(on db: any SQLDatabase) async throws -> [FinessCategory] {
        try await db.select().columns("code", "label", "aggregate_code", "couloir", "default_couloir")
            .from("categories").orderBy("code")
            .all(decoding: FinessCategory.self, with: .snakeCase)
    }

    /// Open structures per category code, as the categories page shows them next to each couloir.
    static func openStructureCounts(on db: any SQLDatabase) async throws -> [String: Int] {
        struct CategoryCountRow: Decodable {
            var categoryCode: String
            var structures: Int
        }
        let rows = try await db.raw(
            """
            SELECT category_code, COUNT(*) AS structures FROM structures WHERE closed_on IS NULL
            GROUP BY category_code
            """
        ).all(decoding: CategoryCountRow.self, with: .snakeCase)
        return Dictionary(rows.map { ($0.categoryCode, $0.structures) }, uniquingKeysWith: +)
    }

    /// Records a category seen in a file but absent from the table, classified by its aggregate.
    static func learn(code: String, label: String, aggregate: String, on db: any SQLDatabase) async throws -> Couloir {
        let couloir = couloir(forAggregate: aggregate)
        try await db.insert(into: "categories").columns(
            "code", "label", "aggregate_code", "couloir", "default_couloir", "updated_at"
        )
        .values(
            SQLBind(code), SQLBind(label.isEmpty ? "Catégorie \(code)" : label), SQLBind(aggregate),
            SQLBind(couloir.rawValue), SQLBind(couloir.rawValue), SQLBind(Date())
        )
        .run()
        return couloir
    }

    /// Changes the couloir of categories and reclassifies their FINESS structures, in one transaction.
    /// Returns the number of structures whose couloir changed.
    @discardableResult
    static func setCouloirs(_ changes: [String: Couloir], on db: any SQLDatabase, actor: Actor) async throws -> Int {
        try await actor.authorize(.regional, on: db)
        let known = Dictionary(try await all(on: db).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var moved = 0
        for (code, couloir) in changes.sorted(by: { $0.key < $1.key }) {
            guard let category = known[code] else {
                throw ServiceError.invalid("Catégorie FINESS inconnue « \(code) ».")
            }
            guard Couloir.structural.contains(couloir) else {
                throw ServiceError.invalid(
                    "Le couloir \(couloir.rawValue) regroupe d'autres couloirs : "
                        + "choisissez un couloir précis pour la catégorie \(code).")
            }
            guard category.couloir != couloir.rawValue else { continue }
            try await db.update("categories").set("couloir", to: couloir.rawValue).set("updated_at", to: Date()).where(
                "code", .equal, code
            ).run()
            moved += try await db.count(
                """
                SELECT COUNT(*) AS n FROM structures
                WHERE category_code = \(bind: code) AND source IN ('finess', 'demo')
                """)
            try await db.update("structures").set("couloir", to: couloir.rawValue).where("category_code", .equal, code)
                .where("source", .in, ["finess", "demo"]).run()
            try await AuditService.record(
                db, actor: actor, action: "update", objectType: "category", objectID: code,
                summary: "Catégorie \(code) « \(category.label) » : couloir \(category.couloir) → \(couloir.rawValue)",
                details: ["couloir": "« \(category.couloir) » → « \(couloir.rawValue) »"])
        }
        if moved > 0 { try await RollupCache.invalidateAll(on: db) }
        return moved
    }

    /// Reads a CSV `categorie;couloir` (other columns ignored; header required), all-or-nothing.
    static func parseCSV(_ data: Data, fileName: String) throws -> [String: Couloir] {
        let records = try UploadedCSV.records(data, fileName: fileName)
        guard let header = records.first else { throw ServiceError.invalid("\(fileName) : fichier vide.") }
        let names = header.fields.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        guard
            let categoryColumn = names.firstIndex(where: { ["categorie", "catégorie", "code", "category"].contains($0) }
            ),
            let couloirColumn = names.firstIndex(where: { ["couloir", "sector"].contains($0) })
        else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonnes « categorie » et « couloir » attendues.")
        }
        var result: [String: Couloir] = [:]
        for record in records.dropFirst() {
            guard let couloir = Couloir(code: record[couloirColumn]) else {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(record.line), champ couloir : couloir inconnu "
                        + "« \(record[couloirColumn].prefix(40)) ».")
            }
            result[record[categoryColumn].trimmingCharacters(in: .whitespaces)] = couloir
        }
        return result
    }
}
