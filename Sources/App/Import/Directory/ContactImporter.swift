import Foundation
import JalonCore
import SQLKit

/// `jalon import contacts FILE`, the directory's contacts
/// (`civilite;prenom;nom;fonction;organisation;structure;email;telephone;roles;territoires;consentement`,
/// lists separated by `|`). All lines or none; a contact whose e-mail is already known is left as it is.
struct ContactImporter: Importer {
    let kind = ImportKind.contacts
    private var authorized = false

    struct Planned: Sendable {
        var contact: DirectoryService.ResolvedContact
        var change: ImportChange
    }

    static let columns: [(field: String, names: [String])] = [
        ("civilite", ["civilite", "civilité", "civility"]), ("prenom", ["prenom", "prénom", "first_name"]),
        ("nom", ["nom", "last_name"]),
        ("fonction", ["fonction", "function"]), ("organisation", ["organisation"]),
        ("structure", ["structure", "finess"]), ("email", ["email", "courriel", "mail"]),
        ("telephone", ["telephone", "téléphone", "phone"]), ("roles", ["roles", "rôles"]),
        ("territoires", ["territoires", "territories"]),
        ("consentement", ["consentement", "mailing", "consent"])
    ]

    func read(_ file: ImportFile, on db: any SQLDatabase) async throws -> [ImportLine<DirectoryService.ContactInput>] {
        let table = try CanonicalTable.read(file.data, fileName: file.name, columns: Self.columns)
        guard table.has("nom") else { throw ServiceError.invalid("\(file.name), ligne 1 : colonne « nom » absente.") }
        return table.rows.map { row in
            ImportLine(
                number: row.line,
                input: DirectoryService.ContactInput(
                    civility: table.cell(row, "civilite"), firstName: table.cell(row, "prenom") ?? "",
                    lastName: table.cell(row, "nom") ?? "", function: table.cell(row, "fonction"),
                    organisation: table.cell(row, "organisation"), structure: table.cell(row, "structure"),
                    email: table.cell(row, "email"), phone: table.cell(row, "telephone"),
                    roles: CanonicalTable.list(table.cell(row, "roles")),
                    territories: CanonicalTable.list(table.cell(row, "territoires")),
                    mailingConsent: table.cell(row, "consentement").map { FrenchNumber.parse($0) == .boolean(true) }))
        }
    }

    func resolve(_ input: DirectoryService.ContactInput, on db: any SQLDatabase) async throws
        -> DirectoryService.ResolvedContact
    {
        try await DirectoryService.resolveContact(input, on: db)
    }

    /// The e-mail identifies a contact; two lines without one are two people.
    func keys(of contact: DirectoryService.ResolvedContact) -> [ImportKey] {
        contact.email.isEmpty
            ? [] : [ImportKey(parts: [contact.email], meaning: "même adresse électronique", field: "email")]
    }

    /// Importing a directory is the région's work; each contact must also be within the actor's reach.
    mutating func authorize(_ contact: DirectoryService.ResolvedContact, actor: Actor, on db: any SQLDatabase)
        async throws
    {
        if !authorized {
            try await actor.authorize(.regional, on: db)
            authorized = true
        }
        try await DirectoryService.authorizeContact(contact, actor: actor, on: db)
    }

    func plan(_ contacts: [DirectoryService.ResolvedContact], on db: any SQLDatabase) async throws -> [Planned] {
        struct EmailRow: Decodable { var email: String }
        var known: Set<String> = []
        let emails = contacts.map(\.email).filter { !$0.isEmpty }
        for start in stride(from: 0, to: emails.count, by: 500) {
            let chunk = Array(emails[start..<min(start + 500, emails.count)])
            for row in try await db.select().column("email").from("contacts").where("email", .in, chunk)
                .all(decoding: EmailRow.self)
            {
                known.insert(row.email)
            }
        }
        return contacts.map { Planned(contact: $0, change: known.contains($0.email) ? .unchanged : .create) }
    }

    func change(of planned: Planned) -> ImportChange { planned.change }

    func write(_ plan: [Planned], stamp: ImportStamp, on db: any SQLDatabase, actor: Actor) async throws {
        for planned in plan where planned.change == .create {
            _ = try await DirectoryService.insertContact(planned.contact, on: db, actor: actor)
        }
    }
}
