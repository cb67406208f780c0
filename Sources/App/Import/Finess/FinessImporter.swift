import Foundation
import JalonCore
import SQLKit
import Vapor

/// Writes a parsed FINESS file: upsert by FINESS ET number in one transaction, legal entities kept,
/// couloir from the category table, commune resolved (arrondissements → their commune).
enum FinessImporter {
    struct Summary: Sendable, Equatable, Codable {
        var file: String
        var format: String
        var read = 0, created = 0, updated = 0, unchanged = 0, closed = 0
        var legalEntitiesCreated = 0, legalEntitiesUpdated = 0
        var rejected: [Rejection] = []
        var unknownCategories: [String: Int] = [:]
        var unknownCommunes: [String: Int] = [:]

        struct Rejection: Sendable, Equatable, Codable {
            var line: Int
            var field: String
            var reason: String
        }

        var text: String {
            var lines = [
                "Fichier \(file) (\(format)) : \(Format.integer(read)) établissements lus.",
                "Créés : \(Format.integer(created)), modifiés : \(Format.integer(updated)), inchangés : \(Format.integer(unchanged)), fermés : \(Format.integer(closed)), rejetés : \(Format.integer(rejected.count)).",
                "Entités juridiques créées : \(Format.integer(legalEntitiesCreated)), modifiées : \(Format.integer(legalEntitiesUpdated))."
            ]
            for r in rejected.prefix(50) { lines.append("  rejet ligne \(r.line), champ \(r.field) : \(r.reason)") }
            if rejected.count > 50 { lines.append("  … et \(rejected.count - 50) autres rejets") }
            if !unknownCategories.isEmpty {
                lines.append(
                    "Catégories inconnues (classées d'après leur agrégat, à vérifier) : "
                        + unknownCategories.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(
                            separator: ", "))
            }
            if !unknownCommunes.isEmpty {
                lines.append(
                    "Communes inconnues (structures importées sans territoire) : "
                        + unknownCommunes.sorted { $0.key < $1.key }.prefix(30).map { "\($0.key) (\($0.value))" }
                        .joined(separator: ", "))
            }
            if created + updated + legalEntitiesCreated + legalEntitiesUpdated == 0 {
                lines.append("Aucun changement : la base était déjà à jour.")
            }
            return lines.joined(separator: "\n")
        }
    }

    static let columns = [
        "id", "finess_et", "finess_ej", "rpps", "siret", "source", "name", "long_name", "complement", "address",
        "postal_code",
        "city", "commune_code", "commune_raw", "phone", "category_code", "category_label", "couloir", "opened_on",
        "authorised_on", "closed_on", "source_updated_on", "latitude", "longitude", "is_demo", "content_hash",
        "created_at", "updated_at"
    ]

    /// Reads and imports a file; nothing is written if the file cannot be read whole.
    static func importFile(
        data: Data, fileName: String, source: String = "finess", isDemo: Bool = false,
        on db: any SQLDatabase, actor: Actor
    ) async throws -> Summary {
        let file: FinessFile
        do { file = try FinessReader.read(data) } catch let e as FinessFileError {
            throw ServiceError.invalid("\(fileName)\(e.line.map { ", ligne \($0)" } ?? "") : \(e.message)")
        }
        return try await apply(file, fileName: fileName, source: source, isDemo: isDemo, on: db, actor: actor)
    }

    static func apply(
        _ file: FinessFile, fileName: String, source: String = "finess", isDemo: Bool = false,
        on db: any SQLDatabase, actor: Actor
    ) async throws -> Summary {
        var summary = Summary(file: fileName, format: file.format.rawValue, read: file.read)
        summary.rejected = file.rejections.map { .init(line: $0.line, field: $0.field, reason: $0.reason) }

        try await CategoryService.installDefaults(on: db)
        var couloirs = Dictionary(
            try await CategoryService.all(on: db).map { ($0.code, $0.couloir) }, uniquingKeysWith: { a, _ in a })
        let communes = try await StructureCommunes.Index.load(db)
        struct Existing: Decodable {
            var id: UUID
            var finess_et: String
            var content_hash: String
            var created_at: Date?
        }
        let existing = try await db.select().columns("id", "finess_et", "content_hash", "created_at").from("structures")
            .where("finess_et", .isNot, SQLLiteral.null).all(decoding: Existing.self)
        let byFiness = Dictionary(existing.map { ($0.finess_et, $0) }, uniquingKeysWith: { a, _ in a })

        let now = Date()
        var inserts: [[any Encodable & Sendable]] = []
        var updates: [(UUID, [any Encodable & Sendable])] = []
        // Categories first seen in this file: every record of theirs is reported, not just the first.
        var learned = Set<String>()
        for r in file.records {
            var couloir = couloirs[r.categoryCode]
            if couloir == nil || learned.contains(r.categoryCode) {
                summary.unknownCategories[r.categoryCode.isEmpty ? "(vide)" : r.categoryCode, default: 0] += 1
                if couloir == nil, !r.categoryCode.isEmpty {
                    learned.insert(r.categoryCode)
                    couloir = try await CategoryService.learn(
                        code: r.categoryCode, label: r.categoryLabel, aggregate: r.aggregateCode, on: db
                    ).rawValue
                    couloirs[r.categoryCode] = couloir
                }
            }
            let commune = communes.resolve(r.communeCode)
            if commune == nil {
                summary.unknownCommunes[r.communeCode.isEmpty ? "(vide)" : r.communeCode, default: 0] += 1
            }
            if r.closedOn != nil { summary.closed += 1 }
            let label =
                r.categoryLabel.isEmpty ? (CategoryService.defaultLabels[r.categoryCode] ?? "") : r.categoryLabel
            var values: [any Encodable & Sendable] = [
                r.finessET, r.finessEJ, String?.none, r.siret, source, r.name, r.longName, r.complement, r.address,
                r.postalCode,
                r.city, commune, r.communeCode, r.phone, r.categoryCode, label, couloir ?? Couloir.autres.rawValue,
                r.openedOn,
                r.authorisedOn, r.closedOn, r.updatedOn, r.position?.latitude, r.position?.longitude, isDemo
            ]
            let hash = ContentHash.of(values)
            values.append(hash)
            if let e = byFiness[r.finessET] {
                if e.content_hash == hash {
                    summary.unchanged += 1
                    continue
                }
                summary.updated += 1
                updates.append((e.id, values))
            } else {
                summary.created += 1
                inserts.append([UUID()] + values + [now, now])
            }
        }
        try await db.insertBatched(into: "structures", columns: columns, rows: inserts)
        let updateColumns = Array(columns.dropFirst().dropLast(2))
        for (id, values) in updates {
            var u = db.update("structures")
            for (c, v) in zip(updateColumns, values) { u = u.set(c, to: v) }
            try await u.set("updated_at", to: now).where("id", .equal, id).run()
        }
        try await upsertLegalEntities(file.legalEntities, into: &summary, on: db, now: now)
        // Open structures per couloir feed the "share of structures" indicators.
        if summary.created + summary.updated > 0 { try await RollupCache.invalidateAll(on: db) }
        if summary.created + summary.updated + summary.legalEntitiesCreated + summary.legalEntitiesUpdated > 0 {
            try await AuditService.record(
                db, actor: actor, action: "import", objectType: "finess", objectID: fileName,
                summary: "Import FINESS \(fileName) : \(summary.created) créés, \(summary.updated) modifiés",
                details: [
                    "read": "\(summary.read)", "created": "\(summary.created)", "updated": "\(summary.updated)",
                    "unchanged": "\(summary.unchanged)", "rejected": "\(summary.rejected.count)"
                ])
        }
        return summary
    }

    static func upsertLegalEntities(
        _ entities: [FinessLegalEntity], into summary: inout Summary, on db: any SQLDatabase, now: Date
    ) async throws {
        guard !entities.isEmpty else { return }
        struct E: Decodable, Equatable {
            var finess_ej, name, siren, legal_status: String
            var closed_on: String?
        }
        let existing = Dictionary(
            try await db.select().columns("finess_ej", "name", "siren", "legal_status", "closed_on").from(
                "legal_entities"
            )
            .all(decoding: E.self).map { ($0.finess_ej, $0) }, uniquingKeysWith: { a, _ in a })
        var inserts: [[any Encodable & Sendable]] = []
        var seen = Set<String>()
        for e in entities where seen.insert(e.finessEJ).inserted {
            let wanted = E(
                finess_ej: e.finessEJ, name: e.name, siren: e.siren, legal_status: e.legalStatus, closed_on: e.closedOn)
            if let have = existing[e.finessEJ] {
                guard have != wanted else { continue }
                summary.legalEntitiesUpdated += 1
                try await db.update("legal_entities").set("name", to: e.name).set("siren", to: e.siren).set(
                    "legal_status", to: e.legalStatus
                )
                .set("closed_on", to: e.closedOn).set("updated_at", to: now).where("finess_ej", .equal, e.finessEJ)
                .run()
            } else {
                summary.legalEntitiesCreated += 1
                inserts.append([e.finessEJ, e.name, e.siren, e.legalStatus, e.closedOn, now])
            }
        }
        try await db.insertBatched(
            into: "legal_entities", columns: ["finess_ej", "name", "siren", "legal_status", "closed_on", "updated_at"],
            rows: inserts)
    }
}
