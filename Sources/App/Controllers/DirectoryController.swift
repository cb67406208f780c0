import Foundation
import JalonCore
import SQLKit
import Vapor

/// Directory pages: lists, CSV in and out, merging duplicates, who to contact per territory.
enum DirectoryController {
    static func model(_ req: Request, message: String? = nil, error: String? = nil) async throws -> DirectoryPage.Model
    {
        .init(
            organisations: try await DirectoryQuery.organisations(on: req.sql),
            contacts: try await DirectoryQuery.contacts(on: req.sql),
            duplicates: try await DirectoryService.duplicates(on: req.sql), message: message, error: error,
            history: try await AuditQuery.history([.type("contact"), .type("organisation")], limit: 30, on: req.sql))
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map { String($0.prefix(200)) }
        return .html(DirectoryPage.render(try await model(req, message: message)))
    }

    @Sendable static func importCSV(req: Request) async throws -> Response {
        struct Upload: Content {
            var kind: String?
            var file: File?
        }
        let u = try? req.content.decode(Upload.self)
        guard let file = u?.file, file.data.readableBytes > 0 else {
            return .html(
                DirectoryPage.render(try await model(req, error: "Choisissez un fichier CSV.")),
                status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let name = String(file.filename.prefix(200))
        let kind = u?.kind ?? "contacts"
        do {
            let s = try await req.db.sqlTransaction { db in
                kind == "organisations"
                    ? try await DirectoryImport.organisations(data, fileName: name, on: db, actor: req.actor)
                    : try await DirectoryImport.contacts(data, fileName: name, on: db, actor: req.actor)
            }
            return .seeOther(
                SiteURL.directory.with([
                    ("ok", "\(name) : \(s.read) lignes lues, \(s.written) enregistrées, \(s.unchanged) déjà présentes.")
                ]))
        } catch let e as ServiceError {
            return .html(DirectoryPage.render(try await model(req, error: e.message)), status: e.status)
        }
    }

    static func csv(_ kind: String) -> @Sendable (Request) async throws -> Response {
        { req in
            kind == "organisations"
                ? .csv(try await DirectoryImport.organisationsCSV(on: req.sql), fileName: "organisations.csv")
                : .csv(try await DirectoryImport.contactsCSV(on: req.sql), fileName: "contacts.csv")
        }
    }

    @Sendable static func merge(req: Request) async throws -> Response {
        struct M: Content {
            var keep: UUID
            var other: UUID
        }
        guard let m = try? req.content.decode(M.self) else {
            throw Abort(.badRequest, reason: "Contacts à fusionner absents.")
        }
        try await req.db.sqlTransaction { db in
            try await DirectoryService.merge(keep: m.keep, other: m.other, on: db, actor: req.actor)
        }
        return .seeOther(SiteURL.directory.with([("ok", "Contacts fusionnés.")]))
    }

    @Sendable static func whoToContact(req: Request) async throws -> Response {
        let code = ((try? req.query.get(String.self, at: "decoupage")) ?? "TAN").trimmedSpaces.uppercased()
        var territories: [Territory] = []
        if let d = try await DecoupageQuery.find(code: code, on: req.sql) {
            territories = try await DecoupageQuery.territories(of: d.id, on: req.sql)
        }
        let overlap = try await DirectoryQuery.overlapping(territories.map(\.code), on: req.sql)
        let contacts = try await DirectoryQuery.contacts(on: req.sql)
        var byTerritory: [String: [DirectoryQuery.Contact]] = [:]
        for t in territories {
            let near = overlap[t.code] ?? [t.code]
            byTerritory[t.code] = contacts.filter { c in c.territories.contains { near.contains($0) } }
        }
        let cpams = try await DirectoryQuery.organisations(on: req.sql).filter { $0.kind == "cpam" }
        var covers: [UUID: Set<String>] = [:]
        for o in cpams {
            covers[o.id] = Set(
                territories.filter { t in o.territories.contains { (overlap[t.code] ?? []).contains($0) } }.map(\.code))
        }
        return .html(
            DirectoryPage.renderWho(
                .init(decoupage: code, territories: territories, contacts: byTerritory, cpams: cpams, covers: covers)))
    }

    static func commaList(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
    }

    @Sendable static func saveOrganisation(req: Request) async throws -> Response {
        struct F: Content {
            var code, name: String?
            var kind, territories: String?
        }
        let f = try req.content.decode(F.self)
        do {
            _ = try await req.db.sqlTransaction { db in
                try await DirectoryService.saveOrganisation(
                    .init(code: f.code ?? "", name: f.name ?? "", kind: f.kind, territories: commaList(f.territories)),
                    on: db, actor: req.actor)
            }
            return .seeOther(
                SiteURL.directory.with([("ok", "Organisation \((f.code ?? "").uppercased()) enregistrée.")]))
        } catch let e as ServiceError {
            return .html(DirectoryPage.render(try await model(req, error: e.message)), status: e.status)
        }
    }

    @Sendable static func createContact(req: Request) async throws -> Response {
        struct F: Content {
            var civility, first_name, last_name, function, organisation, structure, email, phone, roles, territories,
                mailing_consent: String?
        }
        let f = try req.content.decode(F.self)
        let input = DirectoryService.ContactInput(
            civility: f.civility, first_name: f.first_name ?? "", last_name: f.last_name ?? "", function: f.function,
            organisation: f.organisation, structure: f.structure, email: f.email, phone: f.phone,
            roles: commaList(f.roles),
            territories: commaList(f.territories), mailing_consent: f.mailing_consent == "1")
        do {
            _ = try await req.db.sqlTransaction { db in
                try await DirectoryService.createContact(input, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.directory.with([("ok", "Contact enregistré.")]))
        } catch let e as ServiceError {
            return .html(DirectoryPage.render(try await model(req, error: e.message)), status: e.status)
        }
    }
}
