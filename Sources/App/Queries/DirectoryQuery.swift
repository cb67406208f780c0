import Foundation
import JalonCore
import SQLKit

/// Reads of the directory: organisations and contacts with their territories, who to contact per
/// territory of a découpage, which organisation covers which territory.
enum DirectoryQuery {
    static func organisations(on db: any SQLDatabase) async throws -> [Organisation] {
        struct OrganisationRow: Decodable {
            var id: UUID
            var code, name, kind: String
        }
        struct TerritoryLinkRow: Decodable {
            var organisationID: UUID
            var territoryCode: String
        }
        let links = Dictionary(
            grouping: try await db.select().columns("organisation_id", "territory_code").from(
                "organisation_territories"
            ).orderBy("territory_code").all(decoding: TerritoryLinkRow.self, with: .snakeCase),
            by: \.organisationID)
        return try await db.select().columns("id", "code", "name", "kind").from("organisations").orderBy("code").all(
            decoding: OrganisationRow.self
        ).map {
            Organisation(
                id: $0.id, code: $0.code, name: $0.name, kind: $0.kind,
                territories: (links[$0.id] ?? []).map(\.territoryCode))
        }
    }

    static func contacts(structure: UUID? = nil, on db: any SQLDatabase) async throws -> [Contact] {
        struct ContactRow: Decodable {
            var id: UUID
            var civility, firstName, lastName, function, email, phone, roles: String
            var mailingConsent: Bool
            var organisation: String?
            var structure: String?
        }
        struct TerritoryLinkRow: Decodable {
            var contactID: UUID
            var territoryCode: String
        }
        let links = Dictionary(
            grouping: try await db.select().columns("contact_id", "territory_code").from("contact_territories").orderBy(
                "territory_code"
            ).all(decoding: TerritoryLinkRow.self, with: .snakeCase), by: \.contactID)
        return try await db.raw(
            """
            SELECT c.id, c.civility, c.first_name, c.last_name, c.function, c.email, c.phone, c.roles,
                   c.mailing_consent, o.name AS organisation, s.name AS structure
            FROM contacts c
            LEFT JOIN organisations o ON o.id = c.organisation_id
            LEFT JOIN structures s ON s.id = c.structure_id
            """ + (structure.map { " WHERE c.structure_id = \(bind: $0)" } ?? "")
                + " ORDER BY c.last_name, c.first_name, c.id"
        ).all(decoding: ContactRow.self, with: .snakeCase).map { contact in
            Contact(
                id: contact.id, civility: contact.civility, firstName: contact.firstName, lastName: contact.lastName,
                function: contact.function, email: contact.email, phone: contact.phone,
                roles: contact.roles.split(separator: "|").map(String.init), organisation: contact.organisation,
                structure: contact.structure, territories: (links[contact.id] ?? []).map(\.territoryCode),
                mailingConsent: contact.mailingConsent)
        }
    }

    /// The contact an API names by its identifier or its e-mail address.
    static func contactID(_ reference: String, on db: any SQLDatabase) async throws -> UUID {
        let written = reference.trimmedSpaces
        struct ContactRow: Decodable { var id: UUID }
        let found: ContactRow?
        if let id = UUID(uuidString: written) {
            found = try await db.select().column("id").from("contacts").where("id", .equal, id)
                .first(decoding: ContactRow.self)
        } else {
            found = try await db.select().column("id").from("contacts")
                .where(SQLFunction("lower", args: SQLColumn("email")), .equal, SQLBind(written.lowercased()))
                .orderBy("id").first(decoding: ContactRow.self)
        }
        guard let found else {
            throw ServiceError.invalid("Contact inconnu « \(written.prefix(80)) » dans l'annuaire.", field: "contact")
        }
        return found.id
    }

    /// Pairs of territories that share a commune: `covering[t]` = the territories overlapping `t`.
    static func overlapping(_ territories: [String], on db: any SQLDatabase) async throws -> [String: Set<String>] {
        guard !territories.isEmpty else { return [:] }
        struct OverlapRow: Decodable {
            var territory: String
            var overlapping: String
        }
        let pairs = try await db.raw(
            """
            SELECT DISTINCT x.territory_code AS territory, y.territory_code AS overlapping
            FROM territory_communes x JOIN territory_communes y ON y.commune_code = x.commune_code
            WHERE x.territory_code IN (\(binds: territories))
            """
        ).all(decoding: OverlapRow.self)
        return Dictionary(grouping: pairs, by: \.territory).mapValues { Set($0.map(\.overlapping)) }
    }
}
