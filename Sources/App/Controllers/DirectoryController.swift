import Foundation
import JalonCore
import SQLKit
import Vapor

/// Directory pages: lists, CSV in and out, merging duplicates, who to contact per territory.
enum DirectoryController {
    /// The directory page, with what the last action did or why it was refused.
    static func page(message: String? = nil, error: String? = nil, status: HTTPResponseStatus = .ok, on req: Request)
        async throws -> Response
    {
        var model = try await DirectoryIndex.query(on: req.sql)
        model.message = message
        model.error = error
        return .html(DirectoryIndex.render(model), status: status)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map { String($0.prefix(200)) }
        return try await page(message: message, on: req)
    }

    @Sendable static func importCSV(req: Request) async throws -> Response {
        struct Upload: Content {
            var kind: String?
            var file: File?
        }
        let posted = try? req.content.decode(Upload.self)
        guard let file = posted?.file, file.data.readableBytes > 0 else {
            return try await page(error: "Choisissez un fichier CSV.", status: .unprocessableEntity, on: req)
        }
        let upload = ImportFile(name: String(file.filename.prefix(200)), data: Data(buffer: file.data))
        let kind: ImportKind = posted?.kind == "organisations" ? .organisations : .contacts
        do {
            let report = try await req.db.sqlTransaction { db in
                try await kind.run(upload, mode: .commit, on: db, actor: req.actor)
            }
            return .seeOther(
                SiteURL.directory.with([
                    (
                        "ok",
                        "\(upload.name) : \(report.read) lignes lues, \(report.changes) enregistrées, "
                            + "\(report.unchanged) déjà présentes."
                    )
                ]))
        } catch let error as ServiceError {
            return try await page(error: error.message, status: error.status, on: req)
        }
    }

    static func csv(_ kind: String) -> @Sendable (Request) async throws -> Response {
        { req in
            kind == "organisations"
                ? .csv(try await DirectoryExport.organisationsCSV(on: req.sql), fileName: "organisations.csv")
                : .csv(try await DirectoryExport.contactsCSV(on: req.sql), fileName: "contacts.csv")
        }
    }

    @Sendable static func merge(req: Request) async throws -> Response {
        struct MergeForm: Content {
            var keep: UUID
            var other: UUID
        }
        guard let form = try? req.content.decode(MergeForm.self) else {
            throw Abort(.badRequest, reason: "Contacts à fusionner absents.")
        }
        try await req.db.sqlTransaction { db in
            try await DirectoryService.merge(keep: form.keep, other: form.other, on: db, actor: req.actor)
        }
        return .seeOther(SiteURL.directory.with([("ok", "Contacts fusionnés.")]))
    }

    @Sendable static func whoToContact(req: Request) async throws -> Response {
        let code = ((try? req.query.get(String.self, at: "decoupage")) ?? "TAN").trimmedSpaces.uppercased()
        return .html(DirectoryWhoToContact.render(try await DirectoryWhoToContact.query(decoupage: code, on: req.sql)))
    }

    static func commaList(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
    }

    @Sendable static func saveOrganisation(req: Request) async throws -> Response {
        struct OrganisationForm: Content {
            var code, name: String?
            var kind, territories: String?
        }
        let form = try req.content.decode(OrganisationForm.self)
        do {
            _ = try await req.db.sqlTransaction { db in
                try await DirectoryService.saveOrganisation(
                    .init(
                        code: form.code ?? "", name: form.name ?? "", kind: form.kind,
                        territories: commaList(form.territories)),
                    on: db, actor: req.actor)
            }
            return .seeOther(
                SiteURL.directory.with([("ok", "Organisation \((form.code ?? "").uppercased()) enregistrée.")]))
        } catch let error as ServiceError {
            return try await page(error: error.message, status: error.status, on: req)
        }
    }

    @Sendable static func createContact(req: Request) async throws -> Response {
        struct ContactForm: Content {
            var civility, firstName, lastName, function, organisation, structure, email, phone, roles, territories,
                mailingConsent: String?

            enum CodingKeys: String, CodingKey {
                case civility
                case firstName = "first_name"
                case lastName = "last_name"
                case function, organisation, structure, email, phone, roles, territories
                case mailingConsent = "mailing_consent"
            }
        }
        let form = try req.content.decode(ContactForm.self)
        let input = DirectoryService.ContactInput(
            civility: form.civility, firstName: form.firstName ?? "", lastName: form.lastName ?? "",
            function: form.function, organisation: form.organisation, structure: form.structure, email: form.email,
            phone: form.phone, roles: commaList(form.roles),
            territories: commaList(form.territories), mailingConsent: form.mailingConsent == "1")
        do {
            _ = try await req.db.sqlTransaction { db in
                try await DirectoryService.createContact(input, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.directory.with([("ok", "Contact enregistré.")]))
        } catch let error as ServiceError {
            return try await page(error: error.message, status: error.status, on: req)
        }
    }
}
