import Foundation
import JalonCore
import SQLKit

/// Services, couloirs and pilot organisations: shipped defaults, never overwriting users' edits.
enum ReferentialService {
    static let services: [(String, String)] = [
        ("TOUS", "Tous services"), ("FDR", "Feuille de route"), ("SEGUR", "Équipement Ségur"), ("DMP", "DMP"),
        ("MES", "Mon Espace Santé"),
        ("MSS", "MSSanté"), ("INS", "INS"), ("PSC", "Pro Santé Connect"), ("RPPS", "RPPS+"),
        ("EPRESC", "e-prescription"),
        ("APCV", "ApCV"), ("CYBER", "Cybersécurité"), ("TELESANTE", "Télésanté")
    ]
    static let organisations: [(String, String)] = [
        ("ARS", "Agence régionale de santé"), ("AM", "Assurance Maladie"), ("GRADES", "GRADeS")
    ]
    static let aliases: [Couloir: String] = [.es: "HOP", .radio: "RAD", .ms: "ESMS", .tous: "Tous"]

    static func installDefaults(on db: any SQLDatabase) async throws {
        struct CodeRow: Decodable { var code: String }
        let haveServices = Set(
            try await db.select().column("code").from("services").all(decoding: CodeRow.self).map(\.code))
        try await db.insertBatched(
            into: "services", columns: ["code", "label", "sort"],
            rows: services.enumerated().filter { !haveServices.contains($0.element.0) }.map {
                [$0.element.0, $0.element.1, $0.offset]
            })
        let haveCouloirs = Set(
            try await db.select().column("code").from("couloirs").all(decoding: CodeRow.self).map(\.code))
        try await db.insertBatched(
            into: "couloirs", columns: ["code", "label", "aliases", "sort"],
            rows: Couloir.allCases.enumerated().filter { !haveCouloirs.contains($0.element.rawValue) }
                .map { [$0.element.rawValue, $0.element.label, aliases[$0.element] ?? "", $0.offset] })
        let haveOrgs = Set(
            try await db.select().column("code").from("pilot_organisations").all(decoding: CodeRow.self).map(\.code))
        try await db.insertBatched(
            into: "pilot_organisations", columns: ["code", "name", "sort"],
            rows: organisations.enumerated().filter { !haveOrgs.contains($0.element.0) }.map {
                [$0.element.0, $0.element.1, $0.offset]
            })
    }
}

extension ReferentialService {
    static func items(_ kind: ReferentialKind, on db: any SQLDatabase) async throws -> [ReferentialItem] {
        struct ItemRow: Decodable {
            var code: String
            var label: String
            var aliases: String?
        }
        let extra = kind == .couloirs ? ", aliases" : ""
        return try await db.raw(
            """
            SELECT code, \(unsafeRaw: kind.labelColumn) AS label\(unsafeRaw: extra) FROM \(ident: kind.rawValue)
            ORDER BY sort, code
            """
        )
        .all(decoding: ItemRow.self).map { ReferentialItem(code: $0.code, label: $0.label, aliases: $0.aliases ?? "") }
    }

    /// Adds or relabels an entry. Couloir codes are fixed by the national tables: only their label and
    /// aliases change.
    static func save(
        _ kind: ReferentialKind, code raw: String, label rawLabel: String, aliases: String?, on db: any SQLDatabase,
        actor: Actor
    ) async throws {
        try await actor.authorize(.regional, on: db)
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let label = rawLabel.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !code.isEmpty, code.count <= 30, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        else {
            throw ServiceError.invalid(
                "Code invalide « \(raw.prefix(30)) » : lettres, chiffres, - et _ (30 caractères au plus).")
        }
        guard !label.isEmpty, label.count <= 200 else {
            throw ServiceError.invalid("Le libellé de \(code) est obligatoire (200 caractères au plus).")
        }
        let existing = try await items(kind, on: db).first { $0.code == code }
        if kind == .couloirs {
            guard existing != nil else {
                throw ServiceError.invalid(
                    "Couloir inconnu « \(code) » : les codes de couloir sont ceux des tables nationales.")
            }
            try await db.update("couloirs").set("label", to: label).set(
                "aliases", to: (aliases ?? "").trimmingCharacters(in: .whitespaces)
            ).where("code", .equal, code).run()
        } else if existing != nil {
            try await db.update(kind.rawValue).set(kind.labelColumn, to: label).where("code", .equal, code).run()
        } else {
            // A new entry sorts after the existing ones.
            let sort = try await db.count("SELECT COUNT(*) AS n FROM \(ident: kind.rawValue)")
            try await db.insert(into: kind.rawValue).columns("code", kind.labelColumn, "sort").values(
                SQLBind(code), SQLBind(label), SQLBind(sort)
            ).run()
        }
        var changes = FieldChanges()
        changes.compare("libellé", existing?.label, label)
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: kind.rawValue, objectID: code,
            summary: "\(kind.label) : \(code) « \(label) »", changes: changes)
    }
}
