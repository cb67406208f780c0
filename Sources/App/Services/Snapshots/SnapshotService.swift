import Crypto
import Foundation
import JalonCore
import SQLKit

/// Validating the roadmap's values at a date for a committee: the steering table (values, targets,
/// realisations, statuses, provenance) is computed once and stored as it is, with its SHA-256, so
/// that it shows and exports the same later, whatever is imported since. Its date then locks the
/// periods it covers (`PeriodLock`).
enum SnapshotService {
    struct Row: Codable, Sendable, Equatable {
        var objective: Int
        var fiche: String
        var ficheTitle: String
        var code: String
        var label: String
        var couloir: String
        var target: String
        var due: String
        var value: String
        var valueDate: String
        var realisation: String
        var status: String
        var statusLabel: String
        var provenance: String
    }

    struct Snapshot: Sendable, Equatable {
        var id: UUID
        var name: String
        var asOf: Day
        var territory: String
        var couloir: String?
        var validatedBy: String
        var validatedAt: Date
        var sha256: String
        /// How many indicators were frozen (stored apart, so that the list needs no frozen table).
        var rowCount: Int
        /// The frozen table; empty in `all`, which lists the snapshots without reading their tables.
        var rows: [Row]
    }

    static func validate(
        name rawName: String, at: Day, territory: String?, couloir: Couloir?, today: Day = .today(),
        on db: any SQLDatabase, actor: Actor
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
                "Une photo à date se valide pour une date passée ou aujourd'hui, pas pour le \(Format.date(iso: at.iso)).",
                field: "date")
        }
        guard let model = try await Dashboard.query(at: at, territory: territory, couloir: couloir, on: db) else {
            throw ServiceError.invalid("Aucune feuille de route à valider.")
        }
        if let territory, !territory.isEmpty, model.territory.code != territory.uppercased(),
            try await TerritoryQuery.find(territory, on: db) == nil
        {
            throw ServiceError.invalid("Territoire inconnu « \(territory.prefix(40)) ».", field: "territoire")
        }
        var rows: [Row] = []
        for o in model.objectives {
            for f in o.fiches {
                for r in f.rows {
                    rows.append(
                        Row(
                            objective: o.number, fiche: f.code, ficheTitle: f.title, code: r.code, label: r.label,
                            couloir: r.couloir, target: r.target,
                            due: r.due, value: r.value, valueDate: r.valueDate, realisation: r.realisation,
                            status: r.status.rawValue,
                            statusLabel: r.status.label, provenance: r.provenance))
                }
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = String(decoding: try encoder.encode(rows), as: UTF8.self)
        let sha = SHA256.hash(data: Data(content.utf8)).hexString
        struct R: Decodable { var id: UUID }
        guard
            let roadmap = try await db.select().column("id").from("roadmaps").orderBy("created_at").first(
                decoding: R.self)
        else { throw ServiceError.invalid("Aucune feuille de route.") }
        let id = UUID()
        try await db.insert(into: "snapshots")
            .columns(
                "id", "roadmap_id", "name", "as_of", "territory_code", "couloir", "validated_by", "validated_at",
                "content", "content_sha256", "rows"
            )
            .values(
                SQLBind(id), SQLBind(roadmap.id), SQLBind(name), SQLBind(at.iso), SQLBind(model.territory.code),
                SQLBind(couloir?.rawValue),
                SQLBind(actor.name), SQLBind(Date()), SQLBind(content), SQLBind(sha), SQLBind(rows.count)
            )
            .run()
        try await AuditService.record(
            db, actor: actor, action: "validate", objectType: "snapshot", objectID: id.uuidString,
            summary:
                "Photo à date « \(name) » validée au \(Format.date(iso: at.iso)) pour \(model.territory.name) : \(rows.count) indicateurs ; périodes verrouillées jusqu'à cette date",
            details: ["sha256": sha])
        return id
    }

    static func all(on db: any SQLDatabase) async throws -> [Snapshot] {
        try await read(db.select(), withRows: false, on: db)
    }

    static func find(_ id: UUID, on db: any SQLDatabase) async throws -> Snapshot? {
        try await read(db.select().where("id", .equal, id), withRows: true, on: db).first
    }

    private static func read(_ q: SQLSelectBuilder, withRows: Bool, on db: any SQLDatabase) async throws -> [Snapshot] {
        struct R: Decodable {
            var id: UUID
            var name: String
            var as_of: String
            var territory_code: String
            var couloir: String?
            var validated_by: String
            var validated_at: Date
            var content: String?
            var content_sha256: String
            var rows: Int
        }
        let columns =
            [
                "id", "name", "as_of", "territory_code", "couloir", "validated_by", "validated_at", "content_sha256",
                "rows"
            ] + (withRows ? ["content"] : [])
        let found = try await q.columns(columns)
            .from("snapshots").orderBy("as_of", .descending).orderBy("validated_at", .descending).all(decoding: R.self)
        // Shown to every role: the validator by his name, not his e-mail.
        let names = try await AuditQuery.accountNames(Set(found.map(\.validated_by)), on: db)
        return found.map { r in
            Snapshot(
                id: r.id, name: r.name, asOf: Day(iso: r.as_of) ?? Day(1970, 1, 1), territory: r.territory_code,
                couloir: r.couloir,
                validatedBy: names[r.validated_by] ?? r.validated_by, validatedAt: r.validated_at,
                sha256: r.content_sha256, rowCount: r.rows,
                rows: r.content.flatMap { try? JSONDecoder().decode([Row].self, from: Data($0.utf8)) } ?? [])
        }
    }

    /// The frozen table as a download, with the same columns as the live steering table plus provenance.
    static func export(_ s: Snapshot) -> ExportTable {
        ExportTable(
            sheet: "Photo à date",
            header: [
                "objectif", "fiche", "indicateur", "libelle", "couloir", "cible", "echeance", "valeur", "date_valeur",
                "realisation", "statut", "provenance"
            ],
            rows: s.rows.map { r in
                [.number(Double(r.objective))]
                    + [
                        r.ficheTitle, r.code, r.label, r.couloir, r.target, r.due, r.value, r.valueDate, r.realisation,
                        r.statusLabel, r.provenance
                    ].map { .text($0) }
            })
    }
}
