import Foundation
import JalonCore
import SQLKit

/// Découpages: named sets of custom territories that partition a région (e.g. the seven TAN).
enum DecoupageService {
    /// The découpage's identifier, created when absent. Its code is derived from its name.
    static func findOrCreate(_ name: String, region: String?, on db: any SQLDatabase, actor: Actor) async throws -> UUID
    {
        let code = slug(name)
        guard !code.isEmpty else { throw ServiceError.invalid("Nom de découpage invalide « \(name) ».") }
        if let existing = try await DecoupageQuery.find(code: code, on: db) { return existing.id }
        return try await create(name: name, description: "", region: region, on: db, actor: actor)
    }

    static func create(name rawName: String, description: String, region: String?, on db: any SQLDatabase, actor: Actor)
        async throws -> UUID
    {
        try await actor.authorize(.regional, on: db)
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        let code = slug(name)
        guard !name.isEmpty, name.count <= 100, !code.isEmpty else {
            throw ServiceError.invalid("Le nom du découpage est obligatoire (100 caractères au plus).")
        }
        if try await DecoupageQuery.find(code: code, on: db) != nil {
            throw ServiceError.conflict("Le découpage « \(name) » existe déjà.")
        }
        if let region, try await TerritoryQuery.find(region, on: db) == nil {
            throw ServiceError.invalid("Région inconnue « \(region) ».")
        }
        let id = UUID()
        let now = Date()
        try await db.insert(into: "decoupages").columns(
            "id", "code", "name", "region_code", "description", "created_at", "updated_at"
        )
        .values(
            SQLBind(id), SQLBind(code), SQLBind(name), SQLBind(region), SQLBind(description), SQLBind(now), SQLBind(now)
        ).run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "decoupage", objectID: code,
            summary: "Création du découpage « \(name) »")
        return id
    }

    /// Deletes a custom territory (its memberships go with it).
    static func deleteTerritory(_ code: String, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.regional, on: db)
        guard let territory = try await TerritoryQuery.find(code, on: db), territory.kind == .custom else {
            throw ServiceError.notFound("Territoire personnalisé inconnu « \(code) ».")
        }
        struct TerritoryCodeRow: Decodable { var territoryCode: String }
        if let parent = try await db.select().column("territory_code").from("territory_members").where(
            "member_code", .equal, code
        ).first(decoding: TerritoryCodeRow.self, with: .snakeCase) {
            throw ServiceError.conflict(
                "Le territoire \(code) est membre de \(parent.territoryCode) : retirez-le d'abord.")
        }
        // What is deleted stays readable in the trail: its name, parent and members.
        var before = FieldChanges()
        before.compare("nom", territory.name, nil)
        before.compare("parent", territory.parentCode, nil)
        before.compare("membres", set: try await TerritoryQuery.members(of: code, on: db).map(\.code), [])
        try await db.delete(from: "territory_communes").where("territory_code", .equal, code).run()
        try await db.delete(from: "territory_members").where("territory_code", .equal, code).run()
        try await db.delete(from: "territories").where("code", .equal, code).run()
        try await RollupCache.invalidateAll(on: db)
        try await AuditService.record(
            db, actor: actor, action: "delete", objectType: "territory", objectID: code,
            summary: "Suppression du territoire \(code) « \(territory.name) »", changes: before)
        // The découpage lost a territory: its own history says so, since the territory's page is gone.
        struct DecoupageCodeRow: Decodable { var code: String }
        if let id = territory.decoupageID,
            let decoupage = try await db.select().column("code").from("decoupages").where("id", .equal, id).first(
                decoding: DecoupageCodeRow.self)
        {
            try await AuditService.record(
                db, actor: actor, action: "update", objectType: "decoupage", objectID: decoupage.code,
                summary: "Territoire \(code) « \(territory.name) » retiré du découpage",
                details: ["territoires": "− \(code)"])
        }
    }

    /// `Territoires d'animation numérique` → `TERRITOIRES-D-ANIMATION-NUMERIQUE`; `TAN` → `TAN`.
    static func slug(_ name: String) -> String {
        let folded = name.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")
        )
        .uppercased()
        var out = ""
        for ch in folded.unicodeScalars {
            if ("A"..."Z").contains(ch) || ("0"..."9").contains(ch) {
                out.unicodeScalars.append(ch)
            } else if !out.hasSuffix("-") && !out.isEmpty {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }
}
