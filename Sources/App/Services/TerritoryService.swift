import Foundation
import JalonCore
import SQLKit

/// Writes of custom territories and découpages: validation, audit, one transaction each.
enum TerritoryService {
    struct Definition: Sendable, Equatable {
        var code: String
        var name: String
        var decoupage: String?
        var parent: String?
        var members: [String]
    }

    /// Creates or redefines a custom territory. Members are communes, EPCI and/or départements (or
    /// other custom territories); its communes are theirs, kept within its parent région when it has
    /// one.
    static func define(_ definition: Definition, on db: any SQLDatabase, actor: Actor) async throws -> Territory {
        try await actor.authorize(.regional, on: db)
        guard let code = TerritoryCode(definition.code) else {
            throw ServiceError.invalid(
                "Code de territoire invalide « \(definition.code) » : "
                    + "lettres, chiffres, - et _, en commençant par une lettre.")
        }
        guard code.kind == .custom else {
            throw ServiceError.invalid(
                "Le code « \(code.value) » a la forme d'un code officiel (\(code.kind.label.lowercased())) : "
                    + "choisissez un autre code, par exemple TAN-LITTORAL.")
        }
        let name = definition.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw ServiceError.invalid("Le nom du territoire \(code.value) est obligatoire (200 caractères au plus).")
        }
        guard !definition.members.isEmpty else {
            throw ServiceError.invalid(
                "Le territoire \(code.value) doit avoir au moins un membre (commune, EPCI ou département).")
        }

        var parentCode: String?
        if let written = definition.parent?.trimmingCharacters(in: .whitespaces), !written.isEmpty {
            guard let parsed = TerritoryCode(written), let parent = try await TerritoryQuery.find(parsed.value, on: db)
            else {
                throw ServiceError.invalid("Territoire parent inconnu « \(written) ».")
            }
            parentCode = parent.code
        }
        var decoupageID: UUID?
        if let name = definition.decoupage?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
            decoupageID = try await DecoupageService.findOrCreate(name, region: parentCode, on: db, actor: actor)
        }
        var memberCodes: [String] = []
        var unknown: [String] = []
        for raw in definition.members {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let parsed = TerritoryCode(trimmed) ?? TerritoryCode(Self.prefixed(trimmed)) else {
                unknown.append(trimmed)
                continue
            }
            guard let found = try await TerritoryQuery.find(parsed.value, on: db) else {
                unknown.append(trimmed)
                continue
            }
            guard found.code != code.value else {
                throw ServiceError.invalid("Le territoire \(code.value) ne peut pas être membre de lui-même.")
            }
            if !memberCodes.contains(found.code) { memberCodes.append(found.code) }
        }
        guard unknown.isEmpty else {
            throw ServiceError.invalid(
                "Membres inconnus pour \(code.value) : \(unknown.prefix(10).joined(separator: ", "))"
                    + (unknown.count > 10 ? "…" : "") + " (codes attendus : C59350, E200093201, D59…).")
        }
        guard !memberCodes.isEmpty else {
            throw ServiceError.invalid("Le territoire \(code.value) doit avoir au moins un membre.")
        }

        let existing = try await TerritoryQuery.find(code.value, on: db)
        if let existing, existing.kind != .custom {
            throw ServiceError.conflict("Le code \(code.value) est déjà pris par un territoire officiel.")
        }
        // Re-running the same definition (CLI, CSV, demo) changes nothing and records nothing.
        let membersBefore =
            existing == nil ? [] : try await TerritoryQuery.members(of: code.value, on: db).map(\.code)
        if let existing, existing.name == name, existing.parentCode == parentCode, existing.decoupageID == decoupageID,
            membersBefore.sorted() == memberCodes.sorted()
        {
            return existing
        }
        var changes = FieldChanges()
        changes.compare("nom", existing?.name, name)
        changes.compare("parent", existing?.parentCode, parentCode)
        changes.compare("membres", set: membersBefore, memberCodes)
        if existing?.decoupageID != decoupageID {
            struct NameRow: Decodable { var name: String }
            func name(_ id: UUID?) async throws -> String? {
                guard let id else { return nil }
                return try await db.select().column("name").from("decoupages").where("id", .equal, id).first(
                    decoding: NameRow.self)?.name
            }
            changes.compare("découpage", try await name(existing?.decoupageID), try await name(decoupageID))
        }
        let now = Date()
        if existing == nil {
            try await db.insert(into: "territories")
                .columns(
                    "code", "kind", "name", "insee", "parent_code", "population", "decoupage_id", "created_at",
                    "updated_at"
                )
                .values(
                    SQLBind(code.value), SQLBind("custom"), SQLBind(name), SQLBind(""), SQLBind(parentCode), SQLBind(0),
                    SQLBind(decoupageID), SQLBind(now), SQLBind(now)
                )
                .run()
        } else {
            try await db.update("territories").set("name", to: name).set("parent_code", to: parentCode)
                .set("decoupage_id", to: decoupageID).set("updated_at", to: now).where("code", .equal, code.value).run()
            try await db.delete(from: "territory_members").where("territory_code", .equal, code.value).run()
        }
        try await db.insertBatched(
            into: "territory_members", columns: ["territory_code", "member_code"],
            rows: memberCodes.map { [code.value, $0] })
        try await recompute(code.value, on: db)
        try await RollupCache.invalidateAll(on: db)
        try await AuditService.record(
            db, actor: actor, action: existing == nil ? "create" : "update", objectType: "territory",
            objectID: code.value,
            summary: "\(existing == nil ? "Création" : "Redéfinition") du territoire \(code.value) « \(name) »",
            changes: changes)
        return try await TerritoryQuery.find(code.value, on: db)!
    }

    /// `59350` → `C59350`, `200093201` → `E200093201`: members may be written without prefix.
    static func prefixed(_ raw: String) -> String {
        let code = raw.uppercased()
        if TerritoryCode.isCommune(code) { return "C" + code }
        if code.count == 9, code.allSatisfy(\.isNumber) { return "E" + code }
        if TerritoryCode.isDepartement(code) { return "D" + code }
        return code
    }

    /// Rebuilds a custom territory's communes from its members, and its population from them.
    static func recompute(_ code: String, on db: any SQLDatabase) async throws {
        struct ParentRow: Decodable { var parentCode: String? }
        let parent = try await db.select().column("parent_code").from("territories").where("code", .equal, code)
            .first(decoding: ParentRow.self, with: .snakeCase)?.parentCode
        try await db.delete(from: "territory_communes").where("territory_code", .equal, code).run()
        // Members' communes, restricted to the parent's communes when there is a parent.
        var query: SQLQueryString = """
            INSERT INTO territory_communes (territory_code, commune_code)
            SELECT DISTINCT \(bind: code), tc.commune_code
            FROM territory_members m JOIN territory_communes tc ON tc.territory_code = m.member_code
            WHERE m.territory_code = \(bind: code)
            """
        if let parent {
            query +=
                " AND tc.commune_code IN ("
                + "SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: parent))"
        }
        try await db.raw(query).run()
        try await db.raw(
            """
            UPDATE territories SET population = (
                SELECT COALESCE(SUM(c.population), 0)
                FROM territory_communes tc JOIN territories c ON c.code = 'C' || tc.commune_code
                WHERE tc.territory_code = territories.code)
            WHERE code = \(bind: code)
            """
        ).run()
    }

    static func recomputeAllCustom(on db: any SQLDatabase) async throws {
        struct CodeRow: Decodable { var code: String }
        // Members first: a custom territory may contain another one.
        let customs = try await db.select().column("code").from("territories").where("kind", .equal, "custom")
            .orderBy("created_at").all(decoding: CodeRow.self)
        for custom in customs { try await recompute(custom.code, on: db) }
    }

}
