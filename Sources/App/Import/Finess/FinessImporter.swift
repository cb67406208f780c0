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
            var lines: [String] = [
                "Fichier \(file) (\(format)) : \(Format.integer(read)) établissements lus.",
                "Créés : \(Format.integer(created)), modifiés : \(Format.integer(updated)), "
                    + "inchangés : \(Format.integer(unchanged)), fermés : \(Format.integer(closed)), "
                    + "rejetés : \(Format.integer(rejected.count)).",
                "Entités juridiques créées : \(Format.integer(legalEntitiesCreated)), "
                    + "modifiées : \(Format.integer(legalEntitiesUpdated))."
            ]
            for rejection in rejected.prefix(50) {
                lines.append("  rejet ligne \(rejection.line), champ \(rejection.field) : \(rejection.reason)")
            }
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
        do { file = try FinessReader.read(data) } catch let failure as FinessFileError {
            throw ServiceError.invalid(
                "\(fileName)\(failure.line.map { ", ligne \($0)" } ?? "") : \(failure.message)")
        }
        return try await apply(file, fileName: fileName, source: source, isDemo: isDemo, on: db, actor: actor)
    }

    static func apply(
        _ file: FinessFile, fileName: String, source: String = "finess", isDemo: Bool = false,
        on db: any SQLDatabase, actor: Actor
    ) async throws -> Summary {
        var summary = Summary(file: fileName, format: file.format.rawValue, read: file.read)
        summary.rejected = file.rejections.map { .init(line: $0.line, field: $0.field, reason: $0.reason) }

        var couloirs = Dictionary(
            try await CategoryService.all(on: db).map { ($0.code, $0.couloir) }, uniquingKeysWith: { a, _ in a })
        let communes = try await StructureCommunes.Index.load(db)
        struct Existing: Decodable {
            var id: UUID
            var finessET: String
            var contentHash: String
            var createdAt: Date?
        }
        let existing = try await db.select().columns("id", "finess_et", "content_hash", "created_at").from("structures")
            .where("finess_et", .isNot, SQLLiteral.null).all(decoding: Existing.self, with: .snakeCase)
        let byFiness = Dictionary(existing.map { ($0.finessET, $0) }, uniquingKeysWith: { a, _ in a })

        let now = Date()
        var inserts: [[any Encodable & Sendable]] = []
        var updates: [(UUID, [any Encodable & Sendable])] = []
        // Categories first seen in this file: every record of theirs is reported, not just the first.
        var learned = Set<String>()
        for record in file.records {
            var couloir = couloirs[record.categoryCode]
            if couloir == nil || learned.contains(record.categoryCode) {
                summary.unknownCategories[record.categoryCode.isEmpty ? "(vide)" : record.categoryCode, default: 0] += 1
                if couloir == nil, !record.categoryCode.isEmpty {
                    learned.insert(record.categoryCode)
                    couloir = try await CategoryService.learn(
                        code: record.categoryCode, label: record.categoryLabel, aggregate: record.aggregateCode, on: db
                    ).rawValue
                    couloirs[record.categoryCode] = couloir
                }
            }
            let commune = communes.resolve(record.communeCode)
            if commune == nil {
                summary.unknownCommunes[record.communeCode.isEmpty ? "(vide)" : record.communeCode, default: 0] += 1
            }
            if record.closedOn != nil { summary.closed += 1 }
            let label =
                record.categoryLabel.isEmpty
                ? (CategoryService.defaultLabels[record.categoryCode] ?? "") : record.categoryLabel
            var values: [any Encodable & Sendable] = [
                record.finessET, record.finessEJ, String?.none, record.siret, source, record.name, record.longName,
                record.complement, record.address,
                record.postalCode,
                record.city, commune, record.communeCode, record.phone, record.categoryCode, label,
                couloir ?? Couloir.autres.rawValue,
                record.openedOn,
                record.authorisedOn, record.closedOn, record.updatedOn, record.position?.latitude,
                record.position?.longitude, isDemo
            ]
            let hash = ContentHash.of(values)
            values.append(hash)
            if let stored = byFiness[record.finessET] {
                if stored.contentHash == hash {
                    summary.unchanged += 1
                    continue
                }
                summary.updated += 1
                updates.append((stored.id, values))
            } else {
                summary.created += 1
                inserts.append([UUID()] + values + [now, now])
            }
        }
        try await db.insertBatched(into: "structures", columns: columns, rows: inserts)
        let updateColumns = Array(columns.dropFirst().dropLast(2))
        for (id, values) in updates {
            var update = db.update("structures")
            for (column, value) in zip(updateColumns, values) { update = update.set(column, to: value) }
            try await update.set("updated_at", to: now).where("id", .equal, id).run()
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
        struct LegalEntityRow: Decodable, Equatable {
            var finessEJ, name, siren, legalStatus: String
            var closedOn: String?
        }
        let existing = Dictionary(
            try await db.select().columns("finess_ej", "name", "siren", "legal_status", "closed_on").from(
                "legal_entities"
            )
            .all(decoding: LegalEntityRow.self, with: .snakeCase).map { ($0.finessEJ, $0) },
            uniquingKeysWith: { a, _ in a })
        var inserts: [[any Encodable & Sendable]] = []
        var seen = Set<String>()
        for entity in entities where seen.insert(entity.finessEJ).inserted {
            let wanted = LegalEntityRow(
                finessEJ: entity.finessEJ, name: entity.name, siren: entity.siren, legalStatus: entity.legalStatus,
                closedOn: entity.closedOn)
            if let have = existing[entity.finessEJ] {
                guard have != wanted else { continue }
                summary.legalEntitiesUpdated += 1
                try await db.update("legal_entities").set("name", to: entity.name).set("siren", to: entity.siren).set(
                    "legal_status", to: entity.legalStatus
                )
                .set("closed_on", to: entity.closedOn).set("updated_at", to: now)
                .where("finess_ej", .equal, entity.finessEJ)
                .run()
            } else {
                summary.legalEntitiesCreated += 1
                inserts.append([entity.finessEJ, entity.name, entity.siren, entity.legalStatus, entity.closedOn, now])
            }
        }
        try await db.insertBatched(
            into: "legal_entities", columns: ["finess_ej", "name", "siren", "legal_status", "closed_on", "updated_at"],
            rows: inserts)
    }
}
