import Foundation
import SQLKit
import Vapor

/// Imports from the pages: upload (with a kind, a profile and its parameters) → preview → validation
/// as one batch → undo. The upload waits in `import_uploads` with the options it was previewed with.
enum ImportController {
    static func model(_ req: Request, message: String? = nil, error: String? = nil, form: ImportsPage.Form = .init())
        async throws -> ImportsPage.Model
    {
        let profiles = try await req.db.sqlTransaction { db in try await ImportProfileService.all(on: db) }
        return .init(
            batches: try await ObservationImport.batches(on: req.sql), profiles: profiles.map(\.profile),
            message: message, error: error, form: form)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let message =
            (try? req.query.get(String.self, at: "ok")).map { "Import validé : lot \($0)." }
            ?? (try? req.query.get(String.self, at: "annule")).map {
                "Lot \($0) annulé : les valeurs précédentes sont rétablies."
            }
            ?? (try? req.query.get(String.self, at: "codes")).map {
                "Correspondances de codes enregistrées : \($0) lignes."
            }
        var form = ImportsPage.Form()
        form.profile = try? req.query.get(String.self, at: "profil")
        return .html(ImportsPage.render(try await model(req, message: message, form: form)))
    }

    /// Upload: keep the file and how to read it, show what it would do.
    @Sendable static func upload(req: Request) async throws -> Response {
        struct Upload: Content {
            var file: File?
            var kind: String?
            var profile: String?
            var periode: String?
            var territoire: String?
            var sheet: String?
            var override: String?
        }
        let upload = try? req.content.decode(Upload.self)
        var form = ImportsPage.Form(
            kind: upload?.kind ?? "observations", profile: upload?.profile, periode: upload?.periode,
            territoire: upload?.territoire, sheet: upload?.sheet)
        form.profile = form.profile?.isEmpty == true ? nil : form.profile
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return .html(
                ImportsPage.render(try await model(req, error: "Choisissez un fichier à importer.", form: form)),
                status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data)
        let name = String(file.filename.prefix(200))
        let kind = ImportKind(rawValue: form.kind) ?? .observations
        let options = ImportOptions(
            profile: form.profile,
            settings: ["periode": form.periode ?? "", "territoire": form.territoire ?? ""].filter { !$0.value.isEmpty },
            sheet: form.sheet?.isEmpty == false ? form.sheet : nil, override: Actor.overrideReason(upload?.override))
        do {
            let report = try await req.db.sqlTransaction { db in
                try await kind.run(
                    data, fileName: name, options: options, dryRun: true, on: db,
                    actor: req.actor(overriding: options.override))
            }
            let stored = String(
                decoding: try JSONEncoder().encode(Pending(kind: kind.rawValue, options: options)), as: UTF8.self)
            let id = try await ImportUploads.save(
                name: name, data: data, options: stored, actor: req.actor, on: req.sql)
            return .html(ImportsPage.renderPreview(report, upload: id.uuidString.lowercased()))
        } catch let e as ServiceError {
            return .html(ImportsPage.render(try await model(req, error: e.message, form: form)), status: e.status)
        }
    }

    /// How a pending upload is read.
    struct Pending: Codable {
        var kind: String
        var options: ImportOptions
    }

    @Sendable static func preview(req: Request) async throws -> Response {
        let (id, name, data, pending) = try await stored(req)
        let report = try await req.db.sqlTransaction { db in
            try await (ImportKind(rawValue: pending.kind) ?? .observations).run(
                data, fileName: name, options: pending.options, dryRun: true, on: db,
                actor: req.actor(overriding: pending.options.override))
        }
        return .html(ImportsPage.renderPreview(report, upload: id.uuidString.lowercased()))
    }

    static func stored(_ req: Request) async throws -> (UUID, String, Data, Pending) {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else {
            throw Abort(.notFound, reason: "Aperçu inconnu.")
        }
        guard let u = try await ImportUploads.find(id, actor: req.actor, on: req.sql) else {
            throw Abort(.notFound, reason: "Aperçu inconnu, expiré (24 heures) ou déjà validé.")
        }
        let pending =
            u.options.flatMap { try? JSONDecoder().decode(Pending.self, from: Data($0.utf8)) }
            ?? Pending(kind: "observations", options: .init())
        return (id, u.file_name, u.content, pending)
    }

    /// Validation: the same file, re-checked against the database as it is now, committed as one batch.
    @Sendable static func commit(req: Request) async throws -> Response {
        let (id, name, data, pending) = try await stored(req)
        let report = try await req.db.sqlTransaction { db in
            let r = try await (ImportKind(rawValue: pending.kind) ?? .observations).run(
                data, fileName: name, options: pending.options, dryRun: false, on: db,
                actor: req.actor(overriding: pending.options.override))
            try await db.delete(from: "import_uploads").where("id", .equal, id).run()
            return r
        }
        guard let batch = report.batch else { return .seeOther(SiteURL.imports.path) }
        return .seeOther(SiteURL.imports.with([("ok", String(batch.uuidString.prefix(8)).lowercased())]))
    }

    @Sendable static func undo(req: Request) async throws -> Response {
        let key = req.parameters.get("id") ?? ""
        guard let batch = try await ObservationImport.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Lot d'import inconnu.")
        }
        do {
            _ = try await req.db.sqlTransaction { db in
                try await ObservationImport.undo(batch, on: db, actor: req.actor)
            }
        } catch let e as ServiceError {
            return .html(ImportsPage.render(try await model(req, error: e.message)), status: e.status)
        }
        return .seeOther(SiteURL.imports.with([("annule", String(batch.id.uuidString.prefix(8)).lowercased())]))
    }
}
