import Foundation
import JalonCore
import SQLKit

/// CSV in and out for the directory: organisations (`code;nom;type;territoires`) and contacts
/// (`civilite;prenom;nom;fonction;organisation;structure;email;telephone;roles;territoires;consentement`),
/// lists separated by `|`. All lines or none; a line already present changes nothing.
enum DirectoryImport {
    struct Summary: Sendable, Equatable { var read = 0, written = 0, unchanged = 0 }

    static let organisationColumns: [(field: String, names: [String])] = [
        ("code", ["code"]), ("nom", ["nom", "name"]), ("type", ["type", "kind"]),
        ("territoires", ["territoires", "territories"])
    ]
    static let contactColumns: [(field: String, names: [String])] = [
        ("civilite", ["civilite", "civilité", "civility"]), ("prenom", ["prenom", "prénom", "first_name"]),
        ("nom", ["nom", "last_name"]),
        ("fonction", ["fonction", "function"]), ("organisation", ["organisation"]),
        ("structure", ["structure", "finess"]), ("email", ["email", "courriel", "mail"]),
        ("telephone", ["telephone", "téléphone", "phone"]), ("roles", ["roles", "rôles"]),
        ("territoires", ["territoires", "territories"]),
        ("consentement", ["consentement", "mailing", "consent"])
    ]

    static func organisations(_ data: Data, fileName: String, on db: any SQLDatabase, actor: Actor) async throws
        -> Summary
    {
        try await actor.authorize(.regional, on: db)
        let t = try CanonicalTable.read(data, fileName: fileName, columns: organisationColumns)
        guard t.has("code"), t.has("nom") else {
            throw ServiceError.invalid("\(fileName), ligne 1 : colonnes attendues code;nom;type;territoires.")
        }
        var s = Summary(read: t.rows.count)
        for r in t.rows {
            do {
                let (_, changed) = try await DirectoryService.saveOrganisation(
                    .init(
                        code: t.cell(r, "code") ?? "", name: t.cell(r, "nom") ?? "", kind: t.cell(r, "type"),
                        territories: ActivityImport.list(t.cell(r, "territoires"))), on: db, actor: actor)
                if changed { s.written += 1 } else { s.unchanged += 1 }
            } catch let e as ServiceError {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(r.line) : \(e.message) Rien n'est importé.", field: e.field)
            }
        }
        return s
    }

    static func contacts(_ data: Data, fileName: String, on db: any SQLDatabase, actor: Actor) async throws -> Summary {
        try await actor.authorize(.regional, on: db)
        let t = try CanonicalTable.read(data, fileName: fileName, columns: contactColumns)
        guard t.has("nom") else { throw ServiceError.invalid("\(fileName), ligne 1 : colonne « nom » absente.") }
        var s = Summary(read: t.rows.count)
        struct I: Decodable { var id: UUID }
        for r in t.rows {
            let email = (t.cell(r, "email") ?? "").lowercased()
            if !email.isEmpty,
                try await db.select().column("id").from("contacts").where("email", .equal, email).first(
                    decoding: I.self) != nil
            {
                s.unchanged += 1
                continue
            }
            let input = DirectoryService.ContactInput(
                civility: t.cell(r, "civilite"), first_name: t.cell(r, "prenom") ?? "",
                last_name: t.cell(r, "nom") ?? "", function: t.cell(r, "fonction"),
                organisation: t.cell(r, "organisation"), structure: t.cell(r, "structure"), email: email,
                phone: t.cell(r, "telephone"),
                roles: ActivityImport.list(t.cell(r, "roles")),
                territories: ActivityImport.list(t.cell(r, "territoires")),
                mailing_consent: t.cell(r, "consentement").map { FrenchNumber.parse($0) == .boolean(true) })
            do {
                try await DirectoryService.createContact(input, on: db, actor: actor)
                s.written += 1
            } catch let e as ServiceError {
                throw ServiceError.invalid(
                    "\(fileName), ligne \(r.line) : \(e.message) Rien n'est importé.", field: e.field)
            }
        }
        return s
    }

    static func organisationsCSV(on db: any SQLDatabase) async throws -> String {
        struct O: Decodable {
            var id: UUID
            var code, name, kind: String
        }
        struct T: Decodable {
            var organisation_id: UUID
            var territory_code: String
        }
        let orgs = try await db.select().columns("id", "code", "name", "kind").from("organisations").orderBy("code")
            .all(decoding: O.self)
        let links = Dictionary(
            grouping: try await db.select().columns("organisation_id", "territory_code").from(
                "organisation_territories"
            )
            .orderBy("territory_code").all(decoding: T.self), by: \.organisation_id)
        return "\u{FEFF}code;nom;type;territoires\r\n"
            + orgs.map { o in
                [o.code, o.name, o.kind, (links[o.id] ?? []).map(\.territory_code).joined(separator: "|")].map(
                    Structures.quote
                ).joined(separator: ";") + "\r\n"
            }.joined()
    }

    static func contactsCSV(on db: any SQLDatabase) async throws -> String {
        struct C: Decodable {
            var id: UUID
            var civility, first_name, last_name, function, email, phone, roles: String
            var mailing_consent: Bool
            var org: String?
            var finess: String?
        }
        let rows = try await db.raw(
            """
            SELECT c.id, c.civility, c.first_name, c.last_name, c.function, c.email, c.phone, c.roles, c.mailing_consent, o.code AS org, s.finess_et AS finess
            FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id LEFT JOIN structures s ON s.id = c.structure_id
            ORDER BY c.last_name, c.first_name, c.id
            """
        ).all(decoding: C.self)
        struct T: Decodable {
            var contact_id: UUID
            var territory_code: String
        }
        let links = Dictionary(
            grouping: try await db.select().columns("contact_id", "territory_code").from("contact_territories").orderBy(
                "territory_code"
            ).all(decoding: T.self), by: \.contact_id)
        return
            "\u{FEFF}civilite;prenom;nom;fonction;organisation;structure;email;telephone;roles;territoires;consentement\r\n"
            + rows.map { c in
                [
                    c.civility, c.first_name, c.last_name, c.function, c.org ?? "", c.finess ?? "", c.email, c.phone,
                    c.roles,
                    (links[c.id] ?? []).map(\.territory_code).joined(separator: "|"), c.mailing_consent ? "oui" : "non"
                ].map(Structures.quote).joined(separator: ";") + "\r\n"
            }.joined()
    }
}
