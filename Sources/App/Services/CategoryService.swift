import Foundation
import JalonCore
import SQLKit

/// The couloir classification of FINESS categories: shipped defaults, adjustable from a page or a CSV.
enum CategoryService {
    struct Category: Sendable, Equatable, Codable {
        var code, label, aggregateCode, couloir, defaultCouloir: String
    }

    /// The shipped table (`Resources/category_couloirs.csv`: categorie;libelle;agregat;couloir).
    static let defaults: [Category] = {
        guard
            let url = Bundle.module.url(
                forResource: "category_couloirs", withExtension: "csv", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url),
            let records = try? CSVReader(separator: ";").records(TextDecoding.decode(data).text)
        else { return [] }
        return records.dropFirst().compactMap { r in
            guard !r[0].isEmpty, Couloir(code: r[3]) != nil else { return nil }
            return Category(code: r[0], label: r[1], aggregateCode: r[2], couloir: r[3], defaultCouloir: r[3])
        }
    }()

    /// Shipped labels by code: the JSON flux gives no category label (looked up per record, hence a dictionary).
    static let defaultLabels: [String: String] = Dictionary(
        defaults.map { ($0.code, $0.label) }, uniquingKeysWith: { a, _ in a })

    /// The couloir of a category unknown to the table, from its FINESS aggregate (DOMAIN.md §5).
    static func couloir(forAggregate a: String) -> Couloir {
        switch a {
        case let x where x.hasPrefix("11") || x.hasPrefix("12"): .es
        case "4401", "4402", "4404": .msPA
        case let x where ("4101"..."4107").contains(x) || ("4301"..."4305").contains(x): .msPH
        case let x where x.hasPrefix("4"): .msAutres
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

    static func all(on db: any SQLDatabase) async throws -> [Category] {
        struct R: Decodable { var code, label, aggregate_code, couloir, default_couloir: String }
        return try await db.select().columns("code", "label", "aggregate_code", "couloir", "default_couloir").from(
            "categories"
        ).orderBy("code")
            .all(decoding: R.self).map {
                Category(
                    code: $0.code, label: $0.label, aggregateCode: $0.aggregate_code, couloir: $0.couloir,
                    defaultCouloir: $0.default_couloir)
            }
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
        let known = Dictionary(try await all(on: db).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var moved = 0
        for (code, couloir) in changes.sorted(by: { $0.key < $1.key }) {
            guard let category = known[code] else {
                throw ServiceError.invalid("Catégorie FINESS inconnue « \(code) ».")
            }
            guard Couloir.structural.contains(couloir) else {
                throw ServiceError.invalid(
                    "Le couloir \(couloir.rawValue) regroupe d'autres couloirs : choisissez un couloir précis pour la catégorie \(code)."
                )
            }
            guard category.couloir != couloir.rawValue else { continue }
            try await db.update("categories").set("couloir", to: couloir.rawValue).set("updated_at", to: Date()).where(
                "code", .equal, code
            ).run()
            struct N: Decodable { var n: Int }
            moved +=
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM structures WHERE category_code = \(bind: code) AND source IN ('finess', 'demo')"
                ).first(decoding: N.self)?.n ?? 0
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
        guard let ci = names.firstIndex(where: { ["categorie", "catégorie", "code", "category"].contains($0) }),
            let ki = names.firstIndex(where: { ["couloir", "sector"].contains($0) })
        else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonnes « categorie » et « couloir » attendues.")
        }
        var result: [String: Couloir] = [:]
        for r in records.dropFirst() {
            guard let c = Couloir(code: r[ki]) else {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(r.line), champ couloir : couloir inconnu « \(r[ki].prefix(40)) ».")
            }
            result[r[ci].trimmingCharacters(in: .whitespaces)] = c
        }
        return result
    }
}
