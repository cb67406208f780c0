import Foundation
import JalonCore
import SQLKit

/// The directory as the CSV files its import reads back (`jalon import organisations|contacts`).
enum DirectoryExport {
    static func organisationsCSV(on db: any SQLDatabase) async throws -> String {
        struct OrganisationRow: Decodable {
            var id: UUID
            var code: String
            var name: String
            var kind: String
        }
        struct TerritoryRow: Decodable {
            var organisationID: UUID
            var territoryCode: String
        }
        let organisations = try await db.select().columns("id", "code", "name", "kind").from("organisations")
            .orderBy("code").all(decoding: OrganisationRow.self)
        let links = Dictionary(
            grouping: try await db.select().columns("organisation_id", "territory_code")
                .from("organisation_territories").orderBy("territory_code")
                .all(decoding: TerritoryRow.self, with: .snakeCase),
            by: \.organisationID)
        return "\u{FEFF}code;nom;type;territoires\r\n"
            + organisations.map { organisation in
                let territories = (links[organisation.id] ?? []).map(\.territoryCode).joined(separator: "|")
                return [organisation.code, organisation.name, organisation.kind, territories]
                    .map(CSVField.quote).joined(separator: ";") + "\r\n"
            }.joined()
    }

    static func contactsCSV(on db: any SQLDatabase) async throws -> String {
        struct ContactRow: Decodable {
            var id: UUID
            var civility: String
            var firstName: String
            var lastName: String
            var function: String
            var email: String
            var phone: String
            var roles: String
            var mailingConsent: Bool
            var organisationCode: String?
            var finess: String?
        }
        let contacts = try await db.raw(
            """
            SELECT c.id, c.civility, c.first_name, c.last_name, c.function, c.email, c.phone, c.roles,
                   c.mailing_consent, o.code AS organisation_code, s.finess_et AS finess
            FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
                 LEFT JOIN structures s ON s.id = c.structure_id
            ORDER BY c.last_name, c.first_name, c.id
            """
        ).all(decoding: ContactRow.self, with: .snakeCase)
        struct TerritoryRow: Decodable {
            var contactID: UUID
            var territoryCode: String
        }
        let links = Dictionary(
            grouping: try await db.select().columns("contact_id", "territory_code").from("contact_territories")
                .orderBy("territory_code").all(decoding: TerritoryRow.self, with: .snakeCase),
            by: \.contactID)
        let header =
            "civilite;prenom;nom;fonction;organisation;structure;email;telephone;roles;territoires;consentement"
        return "\u{FEFF}\(header)\r\n"
            + contacts.map { contact in
                [
                    contact.civility, contact.firstName, contact.lastName, contact.function,
                    contact.organisationCode ?? "", contact.finess ?? "", contact.email, contact.phone, contact.roles,
                    (links[contact.id] ?? []).map(\.territoryCode).joined(separator: "|"),
                    contact.mailingConsent ? "oui" : "non"
                ].map(CSVField.quote).joined(separator: ";") + "\r\n"
            }.joined()
    }
}
