import Foundation
import JalonCore
import SQLKit

/// API tokens for machine imports: named, scoped to a role no higher than their owner's and to
/// territories among the owner's, revocable, shown once. Stored as digests (`TokenKeys`).
enum TokenService {
    static let prefix = "jalon_"

    /// Creates a token and returns it in clear: the only time it exists outside the caller's hands.
    static func create(
        user: UserAccount, name rawName: String, role: Role?, territories raw: [String], keys: TokenKeys,
        on db: any SQLDatabase, actor: Actor
    ) async throws -> (id: UUID, token: String) {
        if actor.userID != user.id { try await actor.authorize(.administration, on: db) }
        let name = rawName.trimmedSpaces
        guard !name.isEmpty, name.count <= 100 else {
            throw ServiceError.invalid("Nom du jeton obligatoire (100 caractères au plus).", field: "nom")
        }
        let owner = user.roleValue
        let role = role ?? owner
        guard role >= owner else {
            throw ServiceError.invalid(
                "Un jeton ne peut pas avoir plus de droits que son titulaire (\(owner.label)).", field: "role")
        }
        var territories = try await DirectoryService.territories(raw, on: db)
        if owner.isScoped {
            let own = try await AccountService.territories(of: user.id, on: db)
            if territories.isEmpty { territories = own }
            let ownCommunes = try await Actor.communes(of: own, on: db)
            guard try await Actor.communes(of: territories, on: db).isSubset(of: ownCommunes) else {
                throw ServiceError.invalid(
                    "Les territoires d'un jeton sont pris parmi ceux de son titulaire "
                        + "(\(own.joined(separator: ", "))).",
                    field: "territoires")
            }
        }
        let clear = prefix + SessionService.randomToken()
        let id = UUID()
        try await db.insert(into: "api_tokens").columns(
            "id", "user_id", "name", "token_hash", "role", "territories", "created_at"
        )
        .values(
            SQLBind(id), SQLBind(user.id), SQLBind(name), SQLBind(keys.digest(clear)), SQLBind(role.rawValue),
            SQLBind(territories.joined(separator: ",")), SQLBind(Date())
        ).run()
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "api_token", objectID: id.uuidString,
            summary: "Jeton d'API « \(name) » créé pour \(user.email) (\(role.label))",
            details: ["territoires": territories.joined(separator: ",")])
        return (id, clear)
    }

    static func list(user: UUID? = nil, on db: any SQLDatabase) async throws -> [APIToken] {
        var query = db.select().columns(
            "id", "user_id", "name", "role", "territories", "created_at", "last_used_at", "revoked_at"
        ).from("api_tokens")
        if let user { query = query.where("user_id", .equal, user) }
        return try await query.orderBy("created_at", .descending).all(decoding: APIToken.self, with: .snakeCase)
    }

    static func revoke(_ id: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        struct RevocationRow: Decodable {
            var userID: UUID
            var name: String
            var revokedAt: Date?
        }
        guard
            let token = try await db.select().columns("user_id", "name", "revoked_at").from("api_tokens").where(
                "id", .equal, id
            ).first(decoding: RevocationRow.self, with: .snakeCase)
        else {
            throw ServiceError.notFound("Jeton inconnu.")
        }
        if actor.userID != token.userID { try await actor.authorize(.administration, on: db) }
        guard token.revokedAt == nil else { return }
        try await db.update("api_tokens").set("revoked_at", to: Date()).where("id", .equal, id).run()
        try await AuditService.record(
            db, actor: actor, action: "revoke", objectType: "api_token", objectID: id.uuidString,
            summary: "Jeton d'API « \(token.name) » révoqué")
    }

    /// The owner and the token's own grant, for a Bearer header; nil when unknown, revoked or its owner inactive.
    static func resolve(_ clear: String, keys: TokenKeys, on db: any SQLDatabase) async throws -> (
        UserAccount, Grant, APIToken
    )? {
        guard clear.hasPrefix(prefix), clear.count < 200 else { return nil }
        struct StoredTokenRow: Decodable {
            var id: UUID
            var userID: UUID
            var name: String
            var role: String
            var territories: String
            var tokenHash: String
            var createdAt: Date
            var lastUsedAt: Date?
            var revokedAt: Date?
        }
        let candidates = keys.candidates(clear)
        guard
            let row = try await db.select().columns(
                "id", "user_id", "name", "role", "territories", "token_hash", "created_at", "last_used_at", "revoked_at"
            ).from("api_tokens")
                .where("token_hash", .in, candidates).first(decoding: StoredTokenRow.self, with: .snakeCase),
            row.revokedAt == nil,
            let user = try await AccountService.find(id: row.userID, on: db), user.active
        else { return nil }
        if row.tokenHash != candidates[0] {
            try await db.update("api_tokens").set("token_hash", to: candidates[0]).where("id", .equal, row.id).run()
        }
        let role = max(Role(rawValue: row.role) ?? .lecteur, user.roleValue)
        let stored = row.territories.split(separator: ",").map(String.init)
        let territories = role.isScoped ? try await effectiveTerritories(stored, owner: user.id, on: db) : []
        let indicators = role == .contributeur ? Set(try await AccountService.indicators(of: user.id, on: db)) : []
        if row.lastUsedAt.map({ Date().timeIntervalSince($0) > 60 }) ?? true {
            try await db.update("api_tokens").set("last_used_at", to: Date()).where("id", .equal, row.id).run()
        }
        let token = APIToken(
            id: row.id, userID: row.userID, name: row.name, role: role.rawValue, territories: row.territories,
            createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, revokedAt: nil)
        return (user, Grant(role: role, territories: territories, indicators: indicators), token)
    }

    /// A token's territories as far as its owner still holds them, read at each use: an owner moved from
    /// D59 to D80 takes his old tokens out of D59. Compared in communes, so a TAN within a département
    /// stays when the owner keeps the département. When nothing is left the grant holds a territory
    /// that covers no commune — never an empty set, which for a contributeur would mean the whole région.
    static func effectiveTerritories(_ stored: [String], owner: UUID, on db: any SQLDatabase) async throws -> Set<
        String
    > {
        let own = try await AccountService.territories(of: owner, on: db)
        guard !own.isEmpty else { return Set(stored) }
        guard !stored.isEmpty else { return Set(own) }
        // One query for every territory involved: this runs on each request a token makes.
        let communes = try await Actor.communesByTerritory(of: Array(Set(stored + own)), on: db)
        func covered(_ codes: [String]) -> Set<String> { Set(codes.flatMap { communes[$0] ?? [] }) }
        let ownCommunes = covered(own)
        let tokenCommunes = covered(stored)
        let kept =
            stored.filter { covered([$0]).isSubset(of: ownCommunes) }
            + own.filter { covered([$0]).isSubset(of: tokenCommunes) }
        return kept.isEmpty ? [Grant.unlocated] : Set(kept)
    }
}
