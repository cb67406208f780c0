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
        for written in raw ?? [] where !written.trimmedSpaces.isEmpty {
            guard let code = try await lookups.territory(written) else {
                throw ServiceError.invalid("Territoire inconnu « \(written.prefix(40)) ».", field: "territoires")
            }
            if !out.contains(code) { out.append(code) }
        }
        return out
    }

    /// An organisation as checked, ready to compare with the stored one and to write.
    struct ResolvedOrganisation: Sendable, Equatable {
        var code: String
        var name: String
        var kind: String
        var territories: [String]
    }

    /// An organisation as stored, with the territories it covers.
    struct StoredOrganisation: Sendable, Equatable {
        var id: UUID
        var name: String
        var kind: String
        var territories: [String]

        func matches(_ resolved: ResolvedOrganisation) -> Bool {
            name == resolved.name && kind == resolved.kind && Set(territories) == Set(resolved.territories)
        }
    }

    /// Creates or updates by code. Returns its id and whether anything changed.
    @discardableResult
    static func saveOrganisation(_ input: OrganisationInput, on db: any SQLDatabase, actor: Actor) async throws -> (
        id: UUID, changed: Bool
    ) {
        try await actor.authorize(.regional, on: db)
        let resolved = try await resolveOrganisation(input, on: db)
        let stored = try await storedOrganisation(resolved.code, on: db)
        if let stored, stored.matches(resolved) { return (stored.id, false) }
        return (try await writeOrganisation(resolved, replacing: stored, on: db, actor: actor), true)
    }

    /// Checks an organisation's code, name, kind and territories.
    static func resolveOrganisation(_ input: OrganisationInput, on db: any SQLDatabase) async throws
        -> ResolvedOrganisation
    {
        let code = input.code.trimmedSpaces.uppercased()
        guard !code.isEmpty, code.count <= 40, code.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) })
        else {
            throw ServiceError.invalid(
                "Code d'organisation invalide « \(input.code.prefix(40)) » : lettres, chiffres, - et _.", field: "code")
        }
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else {
            throw ServiceError.invalid("Le nom de l'organisation \(code) est obligatoire.", field: "nom")
        }
        let kind = (input.kind ?? "autre").trimmedSpaces.lowercased()
        guard
            let kindCode = organisationKinds.first(where: { $0.code == kind || $0.label.matchKey == kind.matchKey })?
                .code
        else {
            let known = organisationKinds.map(\.code).joined(separator: ", ")
            throw ServiceError.invalid("Type d'organisation inconnu « \(kind.prefix(30)) » (\(known)).", field: "type")
        }
        return ResolvedOrganisation(
            code: code, name: name, kind: kindCode, territories: try await territories(input.territories, on: db))
    }

    static func storedOrganisation(_ code: String, on db: any SQLDatabase) async throws -> StoredOrganisation? {
        struct OrganisationRow: Decodable {
            var id: UUID
            var name: String
            var kind: String
        }
        struct TerritoryRow: Decodable { var territoryCode: String }
        guard
            let row = try await db.select().columns("id", "name", "kind").from("organisations")
                .where("code", .equal, code).first(decoding: OrganisationRow.self)
        else { return nil }
        let territories = try await db.select().column("territory_code").from("organisation_territories")
            .where("organisation_id", .equal, row.id).all(decoding: TerritoryRow.self, with: .snakeCase)
        return StoredOrganisation(
            id: row.id, name: row.name, kind: row.kind, territories: territories.map(\.territoryCode))
    }

    /// Writes a checked organisation over the stored one (nil: creates it), audited; returns its id.
    static func writeOrganisation(
        _ resolved: ResolvedOrganisation, replacing stored: StoredOrganisation?, on db: any SQLDatabase, actor: Actor
    ) async throws -> UUID {
        let now = Date()
        let code = resolved.code
        if let stored {
            try await db.update("organisations").set("name", to: resolved.name).set("kind", to: resolved.kind)
                .set("updated_at", to: now).where("id", .equal, stored.id).run()
            try await db.delete(from: "organisation_territories").where("organisation_id", .equal, stored.id).run()
            try await db.insertBatched(
                into: "organisation_territories", columns: ["organisation_id", "territory_code"],
                rows: resolved.territories.map { [stored.id, $0] })
            var changes = FieldChanges()
            changes.compare("nom", stored.name, resolved.name)
            changes.compare("type", stored.kind, resolved.kind)
            changes.compare("territoires", set: stored.territories, resolved.territories)
            try await AuditService.record(
                db, actor: actor, action: "update", objectType: "organisation", objectID: code,
                summary: "Organisation \(code) modifiée : " + changes.fields.joined(separator: ", "), changes: changes)
            return stored.id
        }
        let id = UUID()
        try await db.insert(into: "organisations").columns("id", "code", "name", "kind", "created_at", "updated_at")
            .values(
                SQLBind(id), SQLBind(code), SQLBind(resolved.name), SQLBind(resolved.kind), SQLBind(now), SQLBind(now)
            )
            .run()
        try await db.insertBatched(
            into: "organisation_territories", columns: ["organisation_id", "territory_code"],
            rows: resolved.territories.map { [id, $0] })
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "organisation", objectID: code,
            summary: "Organisation \(code) « \(resolved.name) » créée")
        return id
    }

    struct ContactInput: Content, Equatable {
        var civility: String?
        var firstName: String
        var lastName: String
        var function: String?
        /// Organisation code or name.
        var organisation: String?
        /// FINESS, RPPS or SIRET.
        var structure: String?
        var email: String?
        var phone: String?
        var roles: [String]?
        var territories: [String]?
        var mailingConsent: Bool?

        enum CodingKeys: String, CodingKey {
            case civility, function, organisation, structure, email, phone, roles, territories
            case firstName = "first_name"
            case lastName = "last_name"
            case mailingConsent = "mailing_consent"
        }
    }

    /// A contact as checked: its organisation and structure found, its territories resolved.
    struct ResolvedContact: Sendable, Equatable {
        var civility: String
        var firstName: String
        var lastName: String
        var function: String
        var organisation: UUID?
        var structure: UUID?
        var email: String
        var phone: String
        var roles: [String]
        var territories: [String]
        var mailingConsent: Bool
    }

    @discardableResult
    static func createContact(_ input: ContactInput, on db: any SQLDatabase, actor: Actor) async throws -> UUID {
        let contact = try await resolveContact(input, on: db)
        try await authorizeContact(contact, actor: actor, on: db)
        return try await insertContact(contact, on: db, actor: actor)
    }

    static func resolveContact(_ input: ContactInput, on db: any SQLDatabase) async throws -> ResolvedContact {
        try ServiceError.checkCount(
            input.territories?.count ?? 0, limit: 200, label: "territoires", field: "territoires")
        try ServiceError.checkCount(input.roles?.count ?? 0, limit: 20, label: "rôles", field: "roles")
        for (text, label, field) in [
            (input.firstName, "Prénom", "prenom"), (input.lastName, "Nom", "nom"),
            (input.function ?? "", "Fonction", "fonction"), (input.email ?? "", "Adresse électronique", "email"),
            (input.phone ?? "", "Téléphone", "telephone")
        ] {
            try ServiceError.checkLength(text, limit: 254, label: label, field: field)
        }
        let first = input.firstName.trimmedSpaces
        let last = input.lastName.trimmedSpaces
        guard !first.isEmpty || !last.isEmpty else {
            throw ServiceError.invalid("Nom ou prénom du contact obligatoire.", field: "nom")
        }
        let email = (input.email ?? "").trimmedSpaces.lowercased()
        if !email.isEmpty {
            let parts = email.split(separator: "@")
            guard parts.count == 2, parts[1].contains("."), !email.contains(" ") else {
                throw ServiceError.invalid("Adresse électronique invalide « \(email.prefix(60)) ».", field: "email")
            }
        }
        var organisation: UUID?
        if let name = input.organisation?.trimmedSpaces, !name.isEmpty {
            guard let found = try await ActivityService.organiser(name, on: db).organisation else {
                throw ServiceError.invalid("Organisation inconnue « \(name.prefix(40)) ».", field: "organisation")
            }
            organisation = found
        }
        var structure: UUID?
        if let key = input.structure?.trimmedSpaces, !key.isEmpty {
            guard let found = try await StructureQuery.find(key, on: db) else {
                throw ServiceError.invalid("Structure inconnue « \(key.prefix(40)) ».", field: "structure")
            }
            structure = found.id
        }
        return ResolvedContact(
            civility: input.civility?.trimmedSpaces ?? "", firstName: first, lastName: last,
            function: input.function?.trimmedSpaces ?? "", organisation: organisation, structure: structure,
            email: email, phone: input.phone?.trimmedSpaces ?? "",
            roles: (input.roles ?? []).map(\.trimmedSpaces).filter { !$0.isEmpty },
            territories: try await territories(input.territories, on: db),
            mailingConsent: input.mailingConsent ?? false)
    }

    /// The contact's structure must lie in the actor's territories as well as the territories named.
    static func authorizeContact(_ contact: ResolvedContact, actor: Actor, on db: any SQLDatabase) async throws {
        if actor.grant.isUnrestricted(in: .contacts) {
            try await actor.authorize(.contacts, on: db)
            return
        }
        var communes = try await Actor.communes(of: contact.territories, on: db)
        communes.formUnion(try await ActivityService.structureCommunes(contact.structure.map { [$0] } ?? [], on: db))
        try await actor.authorize(.init(area: .contacts, communes: communes.isEmpty ? nil : communes), on: db)
    }

    static func insertContact(_ contact: ResolvedContact, on db: any SQLDatabase, actor: Actor) async throws -> UUID {
        let id = UUID()
        let now = Date()
        try await db.insert(into: "contacts")
            .columns(
                "id", "civility", "first_name", "last_name", "function", "organisation_id", "structure_id", "email",
                "phone", "roles", "mailing_consent", "created_at", "updated_at"
            )
            .values(
                SQLBind(id), SQLBind(contact.civility), SQLBind(contact.firstName), SQLBind(contact.lastName),
                SQLBind(contact.function), SQLBind(contact.organisation), SQLBind(contact.structure),
                SQLBind(contact.email), SQLBind(contact.phone), SQLBind(contact.roles.joined(separator: "|")),
                SQLBind(contact.mailingConsent), SQLBind(now), SQLBind(now)
            )
            .run()
        try await db.insertBatched(
            into: "contact_territories", columns: ["contact_id", "territory_code"],
            rows: contact.territories.map { [id, $0] })
        try await AuditService.record(
            db, actor: actor, action: "create", objectType: "contact", objectID: id.uuidString,
            summary: "Contact \(contact.firstName) \(contact.lastName) créé")
        return id
    }

    static func duplicates(on db: any SQLDatabase) async throws -> [DuplicateContact] {
        struct ContactKeyRow: Decodable {
            var id: UUID
            var firstName, lastName, email: String
            var organisationID, structureID: UUID?
            var createdAt: Date
        }
        let all = try await db.select().columns(
            "id", "first_name", "last_name", "email", "organisation_id", "structure_id", "created_at"
        ).from("contacts")
            .orderBy("created_at").orderBy("id").all(decoding: ContactKeyRow.self, with: .snakeCase)
        var out: [DuplicateContact] = []
        var byEmail: [String: UUID] = [:]
        var byName: [String: UUID] = [:]
        for contact in all {
            if !contact.email.isEmpty, let keep = byEmail[contact.email] {
                out.append(.init(keep: keep, other: contact.id, reason: "même adresse électronique"))
                continue
            }
            let name = (contact.firstName + contact.lastName).matchKey
            let place = contact.structureID?.uuidString ?? contact.organisationID?.uuidString
            if let place, !name.isEmpty, let keep = byName[name + "|" + place] {
                out.append(
                    .init(
                        keep: keep, other: contact.id,
                        reason: "même nom, même \(contact.structureID != nil ? "structure" : "organisation")"))
                continue
            }
            if !contact.email.isEmpty { byEmail[contact.email] = contact.id }
            if let place, !name.isEmpty { byName[name + "|" + place] = contact.id }
        }
        return out
    }

    /// Keeps `keep`, moves what pointed to `other` onto it (territories, roles, activities), fills its
    /// blanks from `other`, and deletes `other`.
    static func merge(keep: UUID, other: UUID, on db: any SQLDatabase, actor: Actor) async throws {
        try await actor.authorize(.regional, on: db)
        guard keep != other else { throw ServiceError.invalid("Un contact ne se fusionne pas avec lui-même.") }
        struct ContactRow: Decodable {
            var id: UUID
            var civility, firstName, lastName, function, email, phone, roles: String
            var organisationID, structureID: UUID?
            var mailingConsent: Bool
        }
        let columns = [
            "id", "civility", "first_name", "last_name", "function", "email", "phone", "roles", "organisation_id",
            "structure_id", "mailing_consent"
        ]
        guard
            let kept = try await db.select().columns(columns).from("contacts").where("id", .equal, keep).first(
                decoding: ContactRow.self, with: .snakeCase),
            let merged = try await db.select().columns(columns).from("contacts").where("id", .equal, other).first(
                decoding: ContactRow.self, with: .snakeCase)
        else {
            throw ServiceError.notFound("Contact inconnu.")
        }
        func pick(_ keptValue: String, _ mergedValue: String) -> String {
            keptValue.isEmpty ? mergedValue : keptValue
        }
        let roles = Array(Set((kept.roles + "|" + merged.roles).split(separator: "|").map(String.init))).sorted()
            .joined(separator: "|")
        try await db.update("contacts").set("civility", to: pick(kept.civility, merged.civility))
            .set("function", to: pick(kept.function, merged.function))
            .set("email", to: pick(kept.email, merged.email)).set("phone", to: pick(kept.phone, merged.phone))
            .set("roles", to: roles)
            .set("organisation_id", to: kept.organisationID ?? merged.organisationID)
            .set("structure_id", to: kept.structureID ?? merged.structureID)
            // Consent to mailings is kept only if both agreed: an opt-out is never lost in a merge.
            .set("mailing_consent", to: kept.mailingConsent && merged.mailingConsent).set("updated_at", to: Date())
            .where("id", .equal, keep).run()
        try await db.raw(
            """
            INSERT INTO contact_territories (contact_id, territory_code)
            SELECT \(bind: keep), territory_code FROM contact_territories
            WHERE contact_id = \(bind: other)
                AND territory_code NOT IN (
                    SELECT territory_code FROM contact_territories WHERE contact_id = \(bind: keep))
            """
        ).run()
        try await db.update("activity_organisers").set("contact_id", to: keep).where("contact_id", .equal, other).run()
        try await db.delete(from: "contacts").where("id", .equal, other).run()
        try await AuditService.record(
            db, actor: actor, action: "merge", objectType: "contact", objectID: keep.uuidString,
            summary: "Fusion des contacts \(kept.firstName) \(kept.lastName) et \(merged.firstName) \(merged.lastName)",
            details: [
                "contact fusionné": "\(merged.firstName) \(merged.lastName) <\(merged.email)> (\(other.uuidString))"
            ])
    }
}
