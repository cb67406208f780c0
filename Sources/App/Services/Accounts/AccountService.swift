import Foundation
import JalonCore
import SQLKit
import Vapor

/// Accounts: creation, rights (role, territories, indicators), passwords, deactivation. Every
/// change runs in the caller's transaction and is audited; passwords appear nowhere but as bcrypt
/// hashes, and the audit says "mot de passe modifié", never what it is.
enum AccountService {
    struct Input: Sendable, Equatable {
        var email: String
        var name: String
        var role: Role
        var territories: [String] = []
        var indicators: [String] = []
    }

    static let columns = [
        "id", "email", "name", "role", "active", "version", "password_hash", "created_at", "password_changed_at"
    ]

    static func find(email: String, on db: any SQLDatabase) async throws -> UserAccount? {
        try await db.select().columns(columns).from("users").where("email", .equal, normalized(email)).first(
            decoding: UserAccount.self, with: .snakeCase)
    }

    static func find(id: UUID, on db: any SQLDatabase) async throws -> UserAccount? {
        try await db.select().columns(columns).from("users").where("id", .equal, id)
            .first(decoding: UserAccount.self, with: .snakeCase)
    }

    static func all(on db: any SQLDatabase) async throws -> [UserAccount] {
        try await db.select().columns(columns).from("users").orderBy("email").all(
            decoding: UserAccount.self, with: .snakeCase)
    }

    static func territories(of user: UUID, on db: any SQLDatabase) async throws -> [String] {
        struct TerritoryCodeRow: Decodable { var territoryCode: String }
        return try await db.select().column("territory_code").from("user_territories").where("user_id", .equal, user)
            .orderBy("territory_code").all(decoding: TerritoryCodeRow.self, with: .snakeCase).map(\.territoryCode)
    }

    static func indicators(of user: UUID, on db: any SQLDatabase) async throws -> [String] {
        struct IndicatorCodeRow: Decodable { var indicatorCode: String }
        return try await db.select().column("indicator_code").from("user_indicators").where("user_id", .equal, user)
            .orderBy("indicator_code").all(decoding: IndicatorCodeRow.self, with: .snakeCase).map(\.indicatorCode)
    }

    /// An account with its territories and indicators.
    static func rights(of user: UserAccount, on db: any SQLDatabase) async throws -> AccountRights {
        AccountRights(
            user: user, territories: try await territories(of: user.id, on: db),
            indicators: try await indicators(of: user.id, on: db))
    }

    static func grant(for user: UserAccount, on db: any SQLDatabase) async throws -> Grant {
        let role = user.roleValue
        guard role.isScoped else { return Grant(role: role) }
        return Grant(
            role: role, territories: Set(try await territories(of: user.id, on: db)),
            indicators: Set(try await indicators(of: user.id, on: db)))
    }

    static func normalized(_ email: String) -> String { email.trimmedSpaces.lowercased() }

    static func validEmail(_ raw: String) throws -> String {
        let email = normalized(raw)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" })
        else {
            throw ServiceError.invalid("Adresse électronique invalide « \(raw.prefix(60)) ».", field: "email")
        }
        return email
    }

    /// Hashing runs on the thread pool: bcrypt is deliberately slow and must not stall the event loop.
    static func hash(_ password: String, email: String, cost: Int, pool: NIOThreadPool) async throws -> String {
        if let reason = PasswordPolicy.refusal(password, email: email) {
            throw ServiceError.invalid(reason, field: "mot_de_passe")
        }
        return try await pool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String, pool: NIOThreadPool) async -> Bool {
        (try? await pool.runIfActive { try Bcrypt.verify(password, created: hash) }) ?? false
    }

    /// Creates an account with an already hashed password.
    @discardableResult
    static func create(_ input: Input, passwordHash: String, on db: any SQLDatabase, actor: Actor) async throws -> UUID
    {
        if actor.userID != nil || input.role == .administrateur {
            try await actor.authorize(.administration, on: db)
        }
        let email = try validEmail(input.email)
        let name = input.name.trimmedSpaces.isEmpty ? email : String(input.name.trimmedSpaces.prefix(200))
        guard try await find(email: email, on: db) == nil else {
            throw ServiceError.conflict("Un compte existe déjà pour \(email).")
        }
        let id = UUID()
        let now = Date()
        try await db.insert(into: "users").columns(
            "id", "email", "name", "role", "password_hash", "active", "version", "created_at", "updated_at",
            "password_changed_at"
        )
        .values(
            SQLBind(id), SQLBind(email), SQLBind(name), SQLBind(input.role.rawValue), SQLBind(passwordHash),
            SQLBind(true),
            SQLBind(1), SQLBind(now), SQLBind(now), SQLBind(now)
        )
        .run()
        let (territories, indicators) = try await writeScope(id, input, on: db)
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "user", objectID: email,
            summary: "Compte créé : \(email) (\(input.role.label))",
            details: [
                "role": input.role.rawValue, "territoires": territories.joined(separator: ","),
                "indicateurs": indicators.joined(separator: ",")
            ])
        return id
    }

    private static func writeScope(_ id: UUID, _ input: Input, on db: any SQLDatabase) async throws -> (
        [String], [String]
    ) {
        let territories = try await DirectoryService.territories(input.territories, on: db)
        var indicators: [String] = []
        for raw in input.indicators.map(\.trimmedSpaces) where !raw.isEmpty {
            guard let found = try await ObservationLookups(db).indicator(raw) else {
                throw ServiceError.invalid("Indicateur inconnu « \(raw.prefix(40)) ».", field: "indicateurs")
            }
            if !indicators.contains(found.code) { indicators.append(found.code) }
        }
        if input.role == .animateur && territories.isEmpty {
            throw ServiceError.invalid("Un animateur territorial a au moins un territoire.", field: "territoires")
        }
        if input.role == .contributeur && indicators.isEmpty {
            throw ServiceError.invalid("Un contributeur a au moins un indicateur attribué.", field: "indicateurs")
        }
        try await db.delete(from: "user_territories").where("user_id", .equal, id).run()
        try await db.delete(from: "user_indicators").where("user_id", .equal, id).run()
        try await db.insertBatched(
            into: "user_territories", columns: ["user_id", "territory_code"], rows: territories.map { [id, $0] })
        try await db.insertBatched(
            into: "user_indicators", columns: ["user_id", "indicator_code"], rows: indicators.map { [id, $0] })
        return (territories, indicators)
    }

    /// Changes name, role, territories and indicators. `version` is the one the form was built from:
    /// a concurrent change in between is refused rather than silently overwritten.
    static func update(_ id: UUID, _ input: Input, version: Int?, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.administration, on: db)
        guard let user = try await find(id: id, on: db) else { throw ServiceError.notFound("Compte inconnu.") }
        if user.id == actor.userID, input.role != .administrateur {
            throw ServiceError.invalid("Vous ne pouvez pas retirer votre propre rôle d'administrateur.", field: "role")
        }
        let beforeT = try await territories(of: id, on: db)
        let beforeI = try await indicators(of: id, on: db)
        let name = input.name.trimmedSpaces.isEmpty ? user.name : String(input.name.trimmedSpaces.prefix(200))
        try await OptimisticVersion.bump(
            "users", id: id, expected: version ?? user.version, label: "Le compte \(user.email)", on: db)
        try await db.update("users").set("name", to: name).set("role", to: input.role.rawValue).set(
            "updated_at", to: Date()
        ).where("id", .equal, id).run()
        let (territories, indicators) = try await writeScope(id, input, on: db)
        var changes = FieldChanges()
        changes.compare("nom", user.name, name)
        changes.compare("rôle", user.roleValue.label, input.role.label)
        changes.compare("territoires", set: beforeT, territories)
        changes.compare("indicateurs", set: beforeI, indicators)
        try await AuditService.record(
            db, actor: actor, action: "permission", objectType: "user", objectID: user.email,
            summary: "Droits de \(user.email) : \(user.roleValue.label) → \(input.role.label)",
            changes: changes)
    }

    static func setPassword(_ id: UUID, hash: String, on db: any SQLDatabase, actor: Actor) async throws {
        guard let user = try await find(id: id, on: db) else { throw ServiceError.notFound("Compte inconnu.") }
        if actor.userID != user.id { try await actor.authorize(.administration, on: db) }
        try await OptimisticVersion.bump("users", id: id, expected: nil, label: "Le compte \(user.email)", on: db)
        try await db.update("users").set("password_hash", to: hash).set("password_changed_at", to: Date()).set(
            "updated_at", to: Date()
        ).where("id", .equal, id).run()
        try await db.delete(from: "sessions").where("user_id", .equal, id).run()
        try await AuditService.record(
            db, actor: actor, action: "password", objectType: "user", objectID: user.email,
            summary: actor.userID == user.id
                ? "Mot de passe modifié par son titulaire"
                : "Mot de passe réinitialisé par un administrateur ; sessions fermées")
    }

    static func setActive(_ id: UUID, _ active: Bool, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.administration, on: db)
        guard let user = try await find(id: id, on: db) else { throw ServiceError.notFound("Compte inconnu.") }
        guard user.active != active else { return }
        if user.id == actor.userID { throw ServiceError.invalid("Vous ne pouvez pas désactiver votre propre compte.") }
        try await OptimisticVersion.bump("users", id: id, expected: nil, label: "Le compte \(user.email)", on: db)
        try await db.update("users").set("active", to: active).set("updated_at", to: Date()).where("id", .equal, id)
            .run()
        if !active { try await db.delete(from: "sessions").where("user_id", .equal, id).run() }
        try await AuditService.record(
            db, actor: actor, action: "permission", objectType: "user", objectID: user.email,
            summary: active
                ? "Compte réactivé : \(user.email)"
                : "Compte désactivé : \(user.email) ; sessions fermées, jetons inopérants")
    }

    /// A random password for a reset, shown once to the administrator: 20 characters from an
    /// alphabet without look-alikes.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}

extension Application {
    /// A password checked against the policy and hashed at the configured bcrypt cost, off the event loop.
    func hashPassword(_ password: String, email: String) async throws -> String {
        try await AccountService.hash(password, email: email, cost: config.auth.bcryptCost, pool: threadPool)
    }
}

extension Role {
    /// A role typed in a form or on the command line; an unknown one is refused in French.
    init(required raw: String) throws {
        guard let role = Role(parsing: raw) else {
            throw ServiceError.invalid(
                "Rôle inconnu « \(raw.prefix(30)) » (administrateur, pilote, animateur, contributeur, lecteur).",
                field: "role")
        }
        self = role
    }
}
