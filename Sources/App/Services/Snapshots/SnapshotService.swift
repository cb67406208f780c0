import Crypto
import Foundation
import JalonCore
import SQLKit

/// Validating the roadmap's values at a date for a committee: the steering table (values, targets,
/// realisations, statuses, provenance) is computed once and stored as it is, with its SHA-256, so
/// that it shows and exports the same later, whatever is imported since. Its date then locks the
/// periods it covers of the indicators it holds (`PeriodLock`).
enum SnapshotService {
    static func validate(
        name rawName: String, at: Day, territory: String?, couloir: Couloir?, roadmap: String? = nil,
        today: Day = .today(), on db: any SQLDatabase, actor: Actor
    ) async throws -> UUID {
        try await actor.authorize(.regional, on: db)
        let name = rawName.trimmedSpaces
        guard !name.isEmpty, name.count <= 200 else {
            throw ServiceError.invalid(
                "Donnez un nom à la photo (ex. « Comité régional du 15 juin 2022 »), 200 caractères au plus.",
                field: "nom")
        }
        guard at <= today else {
            throw ServiceError.invalid(
                "Une photo à date se valide pour une date passée ou aujourd'hui, "
                    + "pas pour le \(Format.date(iso: at.iso)).",
                field: "date")
        }
        guard
            let model = try await RoadmapShow.query(
                at: at, territory: territory, couloir: couloir, roadmap: roadmap, on: db)
        else {
            throw ServiceError.invalid("Aucune feuille de route à valider.")
        }
        if let territory, !territory.isEmpty, model.territory.code != territory.uppercased(),
            try await TerritoryQuery.find(territory, on: db) == nil
        {
            throw ServiceError.invalid("Territoire inconnu « \(territory.prefix(40)) ».", field: "territoire")
        }
        var rows: [SnapshotRow] = []
        for objective in model.objectives {
            for fiche in objective.fiches {
                for line in fiche.rows {
                    rows.append(
                        SnapshotRow(
                            objective: objective.number, fiche: fiche.code, ficheTitle: fiche.title, code: line.code,
                            label: line.label, couloir: line.couloir, target: line.target,
                            due: line.due, value: line.value, valueDate: line.valueDate,
                            realisation: line.realisation, status: line.status.rawValue,
                            statusLabel: line.status.label, provenance: line.provenance,
                            comment: line.comment.isEmpty ? nil : line.comment))
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = String(decoding: try encoder.encode(rows), as: UTF8.self)
        let sha = SHA256.hash(data: Data(content.utf8)).hexString
        let id = UUID()
        try await db.insert(into: "snapshots")
            .columns(
                "id", "roadmap_id", "name", "as_of", "territory_code", "couloir", "validated_by", "validated_at",
                "content", "content_sha256", "rows"
            )
            .values(
                SQLBind(id), SQLBind(model.roadmap.id), SQLBind(name), SQLBind(at.iso), SQLBind(model.territory.code),
                SQLBind(couloir?.rawValue),
                SQLBind(actor.name), SQLBind(Date()), SQLBind(content), SQLBind(sha), SQLBind(rows.count)
            )
            .run()
        try await db.insertBatched(
            into: "snapshot_indicators", columns: ["snapshot_id", "indicator_code"],
            rows: Set(rows.map(\.code)).sorted().map { [id, $0] })
        try await AuditService.record(
            db, actor: actor, action: "validate", objectType: "snapshot", objectID: id.uuidString,
            summary:
                "Photo à date « \(name) » validée au \(Format.date(iso: at.iso)) pour \(model.territory.name) : "
                + "\(rows.count) indicateurs ; périodes verrouillées jusqu'à cette date",
            details: ["sha256": sha])
        return id
    }

    static func all(on db: any SQLDatabase) async throws -> [ValidatedSnapshot] {
        try await read(db.select(), withRows: false, on: db)
    }

    static func find(_ id: UUID, on db: any SQLDatabase) async throws -> ValidatedSnapshot? {
        try await read(db.select().where("id", .equal, id), withRows: true, on: db).first
    }

    private static func read(_ select: SQLSelectBuilder, withRows: Bool, on db: any SQLDatabase) async throws
        -> [ValidatedSnapshot]
    {
        struct StoredSnapshotRow: Decodable {
            var id: UUID
            var name: String
            var asOf: String
            var territoryCode: String
            var couloir: String?
            var validatedBy: String
            var validatedAt: Date
            var content: String?
            var contentSha256: String
            var rows: Int
        }
        let columns =
            [
                "id", "name", "as_of", "territory_code", "couloir", "validated_by", "validated_at", "content_sha256",
                "rows"
            ] + (withRows ? ["content"] : [])
        let found = try await select.columns(columns)
            .from("snapshots").orderBy("as_of", .descending).orderBy("validated_at", .descending)
            .all(decoding: StoredSnapshotRow.self, with: .snakeCase)
        // Shown to every role: the validator by his name, not his e-mail.
        let names = try await AuditQuery.accountNames(Set(found.map(\.validatedBy)), on: db)
        return found.map { stored in
            ValidatedSnapshot(
                id: stored.id, name: stored.name, asOf: Day(iso: stored.asOf) ?? Day(1970, 1, 1),
                territory: stored.territoryCode, couloir: stored.couloir,
                validatedBy: names[stored.validatedBy] ?? stored.validatedBy, validatedAt: stored.validatedAt,
                sha256: stored.contentSha256, rowCount: stored.rows,
                rows: stored.content.flatMap { try? JSONDecoder().decode([SnapshotRow].self, from: Data($0.utf8)) }
                    ?? [])
        }
    }

    /// The frozen table as a download, with the same columns as the live steering table plus
    /// provenance.
    static func export(_ snapshot: ValidatedSnapshot) -> ExportTable {
        ExportTable(
            sheet: "Photo à date",
            header: [
                "objectif", "fiche", "indicateur", "libelle", "couloir", "cible", "echeance", "valeur", "date_valeur",
                "realisation", "statut", "provenance", "commentaire"
            ],
            rows: snapshot.rows.map { row in
                [.number(Double(row.objective))]
                    + [
                        row.ficheTitle, row.code, row.label, row.couloir, row.target, row.due, row.value, row.valueDate,
                        row.realisation, row.statusLabel, row.provenance, row.comment ?? ""
                    ].map { .text($0) }
            })
    }
}
