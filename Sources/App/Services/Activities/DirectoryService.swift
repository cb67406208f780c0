import Foundation
import JalonCore
import SQLKit
import Vapor

/// The directory: organisations (the pilot trio and the partners) and contacts, with the territories
/// they cover; duplicates of contacts detected and merged. Every write validated, audited, in the
/// caller's transaction.
enum DirectoryService {
    static let organisationKinds: [(code: String, label: String)] = [
        ("ars", "ARS"), ("assurance-maladie", "Assurance Maladie"), ("dcgdr", "DCGDR"), ("cpam", "CPAM"),
        ("grades", "GRADeS"),
        ("federation", "Fédération"), ("urps", "URPS"), ("usagers", "Représentants des usagers (France Assos Santé)"),
        ("region", "Conseil régional"), ("departement", "Conseil départemental"),
        ("collectif-si-ms", "Collectif SI MS"), ("cpts", "CPTS"),
        ("dac", "DAC"), ("editeur", "Éditeur"), ("autre", "Autre")
    ]

    struct OrganisationInput: Content, Equatable {
        var code: String
        var name: String
        var kind: String?
        var territories: [String]?
    }

    static func territories(_ raw: [String]?, on db: any SQLDatabase) async throws -> [String] {
        let lookups = ObservationLookups(db)
        var out: [String] = []
        for t in raw ?? [] where !t.trimmedSpaces.isEmpty {
            guard let code = try await lookups.territory(t) else {
                throw ServiceError.invalid("Territoire inconnu « \(t.prefix(40)) ».", field: "territoires")
            }
            if !out.contains(code) { out.append(code) }
        }
        return out
    }

    /// Creates or updates by code. Returns its id and whether anything changed.
    @discardableResult
    static func saveOrganisation(_ i: OrganisationInput, on db: any SQLDatabase, actor: Actor) async throws -> (
        id: UUID, changed: Bool
    ) {
        try await actor.authorize(.regional, on: db)
        let code = i.code.trimmedSpaces.uppercased()
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) })
        else {
            throw ServiceError.invalid(
                "Code d'organisation invalide « \(i.code.prefix(40)) » : lettres, chiffres, - et _.", field: "code")
        }
        let name = i.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw ServiceError.invalid("Le nom de l'organisation \(code) est obligatoire.", field: "nom")
        }
        let kind = (i.kind ?? "autre").trimmedSpaces.lowercased()
        guard
            let kindCode = organisationKinds.first(where: { $0.code == kind || $0.label.matchKey == kind.matchKey })?
                .code
        else {
            throw ServiceError.invalid(
                "Type d'organisation inconnu « \(kind.prefix(30)) » (\(organisationKinds.map(\.code).joined(separator: ", "))).",
                field: "type")
        }
        let covered = try await territories(i.territories, on: db)
        struct E: Decodable {
            var id: UUID
            var name: String
            var kind: String
        }
        struct T: Decodable { var territory_code: String }
        let now = Date()
        if let e = try await db.select().columns("id", "name", "kind").from("organisations").where("code", .equal, code)
            .first(decoding: E.self)
        {
            let current = try await db.select().column("territory_code").from("organisation_territories").where(
                "organisation_id", .equal, e.id
            )
            .all(decoding: T.self).map(\.territory_code)
            if e.name == name, e.kind == kindCode, Set(current) == Set(covered) { return (e.id, false) }
            try await db.update("organisations").set("name", to: name).set("kind", to: kindCode).set(
                "updated_at", to: now
            ).where("id", .equal, e.id).run()
            try await db.delete(from: "organisation_territories").where("organisation_id", .equal, e.id).run()
            try await db.insertBatched(
                into: "organisation_territories", columns: ["organisation_id", "territory_code"],
                rows: covered.map { [e.id, $0] })
            var changes = FieldChanges()
            changes.compare("nom", e.name, name)
            changes.compare("type", e.kind, kindCode)
            changes.compare("territoires", set: current, covered)
            try await AuditService.record(
                db, actor: actor, action: "update", objectType: "organisation", objectID: code,
                summary: "Organisation \(code) modifiée : " + changes.fields.joined(separator: ", "), changes: changes)
            return (e.id, true)
        }
        let id = UUID()
        try await db.insert(into: "organisations").columns("id", "code", "name", "kind", "created_at", "updated_at")
            .values(SQLBind(id), SQLBind(code), SQLBind(name), SQLBind(kindCode), SQLBind(now), SQLBind(now)).run()
        try await db.insertBatched(
            into: "organisation_territories", columns: ["organisation_id", "territory_code"],
            rows: covered.map { [id, $0] })
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "organisation", objectID: code,
            summary: "Organisation \(code) « \(name) » créée")
        return (id, true)
    }

    struct ContactInput: Content, Equatable {
        var civility: String?
        var first_name: String
        var last_name: String
        var function: String?
        /// Organisation code or name.
        var organisation: String?
        /// FINESS, RPPS or SIRET.
        var structure: String?
        var email: String?
        var phone: String?
        var roles: [String]?
        var territories: [String]?
        var mailing_consent: Bool?
    }

    /// A contact that looks like another: same e-mail, or same name at the same organisation or structure.
    struct Duplicate: Sendable, Equatable {
        var keep: UUID
        var other: UUID
        var reason: String
    }

    @discardableResult
    static func createContact(_ i: ContactInput, on db: any SQLDatabase, actor: Actor) async throws -> UUID {
        try ServiceError.checkCount(i.territories?.count ?? 0, limit: 200, label: "territoires", field: "territoires")
        try ServiceError.checkCount(i.roles?.count ?? 0, limit: 20, label: "rôles", field: "roles")
        for (text, label, field) in [
            (i.first_name, "Prénom", "prenom"), (i.last_name, "Nom", "nom"), (i.function ?? "", "Fonction", "fonction"),
            (i.email ?? "", "Adresse électronique", "email"), (i.phone ?? "", "Téléphone", "telephone")
        ] {
            try ServiceError.checkLength(text, limit: 254, label: label, field: field)
        }
        let first = i.first_name.trimmedSpaces
        let last = i.last_name.trimmedSpaces
        guard !first.isEmpty || !last.isEmpty else {
            throw ServiceError.invalid("Nom ou prénom du contact obligatoire.", field: "nom")
        }
        let email = (i.email ?? "").trimmedSpaces.lowercased()
        if !email.isEmpty {
            let parts = email.split(separator: "@")
            guard parts.count == 2, parts[1].contains("."), !email.contains(" ") else {
                throw ServiceError.invalid("Adresse électronique invalide « \(email.prefix(60)) ».", field: "email")
            }
        }
        struct I: Decodable { var id: UUID }
        var organisation: UUID?
        if let o = i.organisation?.trimmedSpaces, !o.isEmpty {
            guard let found = try await ActivityService.organiser(o, on: db).organisation else {
                throw ServiceError.invalid("Organisation inconnue « \(o.prefix(40)) ».", field: "organisation")
            }
            organisation = found
        }
        var structure: UUID?
        if let s = i.structure?.trimmedSpaces, !s.isEmpty {
            guard let found = try await StructureQuery.find(s, on: db) else {
                throw ServiceError.invalid("Structure inconnue « \(s.prefix(40)) ».", field: "structure")
            }
            structure = found.id
        }
        let covered = try await territories(i.territories, on: db)
        if actor.grant.isUnrestricted(in: .contacts) {
            try await actor.authorize(.contacts, on: db)
        } else {
            // The contact's structure must lie in the actor's territories as well as the territories named.
            var communes = try await Actor.communes(of: covered, on: db)
            communes.formUnion(try await ActivityService.structureCommunes(structure.map { [$0] } ?? [], on: db))
            try await actor.authorize(.init(area: .contacts, communes: communes.isEmpty ? nil : communes), on: db)
        }
        let roles = (i.roles ?? []).map(\.trimmedSpaces).filter { !$0.isEmpty }
        let id = UUID()
        let now = Date()
        try await db.insert(into: "contacts")
            .columns(
                "id", "civility", "first_name", "last_name", "function", "organisation_id", "structure_id", "email",
                "phone", "roles", "mailing_consent", "created_at", "updated_at"
            )
            .values(
                SQLBind(id), SQLBind(i.civility?.trimmedSpaces ?? ""), SQLBind(first), SQLBind(last),
                SQLBind(i.function?.trimmedSpaces ?? ""), SQLBind(organisation),
                SQLBind(structure), SQLBind(email), SQLBind(i.phone?.trimmedSpaces ?? ""),
                SQLBind(roles.joined(separator: "|")), SQLBind(i.mailing_consent ?? false),
                SQLBind(now), SQLBind(now)
            )
            .run()
        try await db.insertBatched(
            into: "contact_territories", columns: ["contact_id", "territory_code"], rows: covered.map { [id, $0] })
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "contact", objectID: id.uuidString,
            summary: "Contact \(first) \(last) créé")
        return id
    }

    static func duplicates(on db: any SQLDatabase) async throws -> [Duplicate] {
        struct C: Decodable {
            var id: UUID
            var first_name, last_name, email: String
            var organisation_id, structure_id: UUID?
            var created_at: Date
        }
        let all = try await db.select().columns(
            "id", "first_name", "last_name", "email", "organisation_id", "structure_id", "created_at"
        ).from("contacts")
            .orderBy("created_at").orderBy("id").all(decoding: C.self)
        var out: [Duplicate] = []
        var byEmail: [String: UUID] = [:]
        var byName: [String: UUID] = [:]
        for c in all {
            if !c.email.isEmpty, let keep = byEmail[c.email] {
                out.append(.init(keep: keep, other: c.id, reason: "même adresse électronique"))
                continue
            }
            let name = (c.first_name + c.last_name).matchKey
            let place = c.structure_id?.uuidString ?? c.organisation_id?.uuidString
            if let place, !name.isEmpty, let keep = byName[name + "|" + place] {
                out.append(
                    .init(
                        keep: keep, other: c.id,
                        reason: "même nom, même \(c.structure_id != nil ? "structure" : "organisation")"))
                continue
            }
            if !c.email.isEmpty { byEmail[c.email] = c.id }
            if let place, !name.isEmpty { byName[name + "|" + place] = c.id }
        }
        return out
    }

    /// Keeps `keep`, moves what pointed to `other` onto it (territories, roles, activities), fills its
    /// blanks from `other`, and deletes `other`.
    static func merge(keep: UUID, other: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.regional, on: db)
        guard keep != other else { throw ServiceError.invalid("Un contact ne se fusionne pas avec lui-même.") }
        struct C: Decodable {
            var id: UUID
            var civility, first_name, last_name, function, email, phone, roles: String
            var organisation_id, structure_id: UUID?
            var mailing_consent: Bool
        }
        let cols = [
            "id", "civility", "first_name", "last_name", "function", "email", "phone", "roles", "organisation_id",
            "structure_id", "mailing_consent"
        ]
        guard
            let k = try await db.select().columns(cols).from("contacts").where("id", .equal, keep).first(
                decoding: C.self),
            let o = try await db.select().columns(cols).from("contacts").where("id", .equal, other).first(
                decoding: C.self)
        else {
            throw ServiceError.notFound("Contact inconnu.")
        }
        func pick(_ a: String, _ b: String) -> String { a.isEmpty ? b : a }
        let roles = Array(Set((k.roles + "|" + o.roles).split(separator: "|").map(String.init))).sorted().joined(
            separator: "|")
        try await db.update("contacts").set("civility", to: pick(k.civility, o.civility)).set(
            "function", to: pick(k.function, o.function)
        )
        .set("email", to: pick(k.email, o.email)).set("phone", to: pick(k.phone, o.phone)).set("roles", to: roles)
        .set("organisation_id", to: k.organisation_id ?? o.organisation_id).set(
            "structure_id", to: k.structure_id ?? o.structure_id
        )
        // Consent to mailings is kept only if both agreed: an opt-out is never lost in a merge.
        .set("mailing_consent", to: k.mailing_consent && o.mailing_consent).set("updated_at", to: Date()).where(
            "id", .equal, keep
        ).run()
        try await db.raw(
            """
            INSERT INTO contact_territories (contact_id, territory_code) SELECT \(bind: keep), territory_code FROM contact_territories
            WHERE contact_id = \(bind: other) AND territory_code NOT IN (SELECT territory_code FROM contact_territories WHERE contact_id = \(bind: keep))
            """
        ).run()
        try await db.update("activity_organisers").set("contact_id", to: keep).where("contact_id", .equal, other).run()
        try await db.delete(from: "contacts").where("id", .equal, other).run()
        try await AuditService.record(
            db, actor: actor, action: "merge", objectType: "contact", objectID: keep.uuidString,
            summary: "Fusion des contacts \(k.first_name) \(k.last_name) et \(o.first_name) \(o.last_name)",
            details: ["contact fusionné": "\(o.first_name) \(o.last_name) <\(o.email)> (\(other.uuidString))"])
    }
}
