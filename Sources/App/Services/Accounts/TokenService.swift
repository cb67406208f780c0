import Foundation
import JalonCore
import SQLKit

/// API tokens for machine imports: named, scoped to a role no higher than their owner's and to
/// territories among the owner's, revocable, shown once. Stored as digests (`TokenKeys`).
enum TokenService {
    static let prefix = "jalon_"

    struct Token: Sendable, Equatable, Decodable {
        var id: UUID
        var user_id: UUID
        var name: String
        var role: String
        var territories: String
        var created_at: Date
        var last_used_at: Date?
        var revoked_at: Date?
    }

    /// Creates a token and returns it in clear: the only time it exists outside the caller's hands.
    static func create(
        user: AccountService.User, name rawName: String, role: Role?, territories raw: [String], keys: TokenKeys,
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
                    "Les territoires d'un jeton sont pris parmi ceux de son titulaire (\(own.joined(separator: ", "))).",
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

    static func list(user: UUID? = nil, on db: any SQLDatabase) async throws -> [Token] {
        var q = db.select().columns(
            "id", "user_id", "name", "role", "territories", "created_at", "last_used_at", "revoked_at"
        ).from("api_tokens")
        if let user { q = q.where("user_id", .equal, user) }
        return try await q.orderBy("created_at", .descending).all(decoding: Token.self)
    }

    static func revoke(_ id: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        struct R: Decodable {
            var user_id: UUID
            var name: String
            var revoked_at: Date?
        }
        guard
            let t = try await db.select().columns("user_id", "name", "revoked_at").from("api_tokens").where(
                "id", .equal, id
            ).first(decoding: R.self)
        else {
            throw ServiceError.notFound("Jeton inconnu.")
        }
        if actor.userID != t.user_id { try await actor.authorize(.administration, on: db) }
        guard t.revoked_at == nil else { return }
        try await db.update("api_tokens").set("revoked_at", to: Date()).where("id", .equal, id).run()
        try await AuditService.record(
            db, actor: actor, action: "revoke", objectType: "api_token", objectID: id.uuidString,
            summary: "Jeton d'API « \(t.name) » révoqué")
    }

    /// The owner and the token's own grant, for a Bearer header; nil when unknown, revoked or its owner inactive.
    static func resolve(_ clear: String, keys: TokenKeys, on db: any SQLDatabase) async throws -> (
        AccountService.User, Grant, Token
    )? {
        guard clear.hasPrefix(prefix), clear.count < 200 else { return nil }
        struct R: Decodable {
            var id: UUID
            var user_id: UUID
            var name: String
            var role: String
            var territories: String
            var token_hash: String
            var created_at: Date
            var last_used_at: Date?
            var revoked_at: Date?
        }
        let candidates = keys.candidates(clear)
        guard
            let t = try await db.select().columns(
                "id", "user_id", "name", "role", "territories", "token_hash", "created_at", "last_used_at", "revoked_at"
            ).from("api_tokens")
                .where("token_hash", .in, candidates).first(decoding: R.self), t.revoked_at == nil,
            let user = try await AccountService.find(id: t.user_id, on: db), user.active
        else { return nil }
        if t.token_hash != candidates[0] {
            try await db.update("api_tokens").set("token_hash", to: candidates[0]).where("id", .equal, t.id).run()
        }
        let role = max(Role(rawValue: t.role) ?? .lecteur, user.roleValue)
        let stored = t.territories.split(separator: ",").map(String.init)
        let territories = role.isScoped ? try await effectiveTerritories(stored, owner: user.id, on: db) : []
        let indicators = role == .contributeur ? Set(try await AccountService.indicators(of: user.id, on: db)) : []
        if t.last_used_at.map({ Date().timeIntervalSince($0) > 60 }) ?? true {
            try await db.update("api_tokens").set("last_used_at", to: Date()).where("id", .equal, t.id).run()
        }
        let token = Token(
            id: t.id, user_id: t.user_id, name: t.name, role: role.rawValue, territories: t.territories,
            created_at: t.created_at, last_used_at: t.last_used_at, revoked_at: nil)
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
