import Foundation
import Vapor

/// Imports from the pages: upload (with a kind, a profile and its parameters) → preview → validation
/// as one batch → undo. The upload waits in `import_uploads` with the options it was previewed with.
enum ImportController {
    /// The imports page again, with why the last action was refused.
    static func refused(_ error: String, status: HTTPResponseStatus, form: ImportIndex.Form = .init(), on req: Request)
        async throws -> Response
    {
        var model = try await ImportIndex.query(form: form, on: req.sql)
        model.error = error
        return .html(ImportIndex.render(model), status: status)
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
        var form = ImportIndex.Form()
        form.profile = req.queryText("profil")
        var model = try await ImportIndex.query(form: form, on: req.sql)
        model.message = message
        return .html(ImportIndex.render(model))
    }

    /// Upload: keep the file and how to read it, show what it would do.
    @Sendable static func upload(req: Request) async throws -> Response {
        struct Upload: Content {
            var file: File?
            var kind: String?
            var profile: String?
            var sheet: String?
            var override: String?
        }
        let upload = try? req.content.decode(Upload.self)
        // Every parameter a profile may ask for, named like its field: the same answers as the API's query.
        let settings = ImportOptions.settings(fromFields: { try? req.content.get(String.self, at: $0) })
        let form = ImportIndex.Form(
            kind: upload?.kind ?? ImportKind.observations.rawValue,
            profile: upload?.profile.flatMap { $0.isEmpty ? nil : $0 }, settings: settings,
            sheet: upload?.sheet.flatMap { $0.isEmpty ? nil : $0 })
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return try await refused(
                "Choisissez un fichier à importer.", status: .unprocessableEntity, form: form, on: req)
        }
        let kind = ImportKind(rawValue: form.kind) ?? .observations
        let options = ImportOptions(
            profile: form.profile, settings: settings, sheet: form.sheet,
            override: Actor.overrideReason(upload?.override))
        let staged = ImportFile(
            name: String(file.filename.prefix(200)), data: Data(buffer: file.data), options: options)
        do {
            let (report, id) = try await req.db.sqlTransaction { db in
                let report = try await kind.run(
                    staged, mode: .preview, on: db, actor: req.actor(overriding: options.override))
                let id = try await ImportUploadService.stage(staged, kind: kind, actor: req.actor, on: db)
                return (report, id)
            }
            return .html(ImportPreview.render(.init(report: report, upload: id.uuidString.lowercased())))
        } catch let error as ServiceError {
            return try await refused(error.message, status: error.status, form: form, on: req)
        }
    }

    @Sendable static func preview(req: Request) async throws -> Response {
        let upload = try await staged(req)
        let report = try await req.db.sqlTransaction { db in
            try await upload.kind.run(
                upload.file, mode: .preview, on: db, actor: req.actor(overriding: upload.file.options.override))
        }
        return .html(ImportPreview.render(.init(report: report, upload: upload.id.uuidString.lowercased())))
    }

    static func staged(_ req: Request) async throws -> ImportUploadService.Upload {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else {
            throw Abort(.notFound, reason: "Aperçu inconnu.")
        }
        guard let upload = try await ImportUploadService.find(id, actor: req.actor, on: req.sql) else {
            throw Abort(.notFound, reason: "Aperçu inconnu, expiré (24 heures) ou déjà validé.")
        }
        return upload
    }

    /// Validation: the same file, re-checked against the database as it is now, committed as one batch.
    @Sendable static func commit(req: Request) async throws -> Response {
        let upload = try await staged(req)
        let report = try await req.db.sqlTransaction { db in
            let report = try await upload.kind.run(
                upload.file, mode: .commit, on: db, actor: req.actor(overriding: upload.file.options.override))
            try await ImportUploadService.discard(upload, actor: req.actor, on: db)
            return report
        }
        guard let batch = report.batch else { return .seeOther(SiteURL.imports.path) }
        return .seeOther(SiteURL.imports.with([("ok", String(batch.uuidString.prefix(8)).lowercased())]))
    }

    @Sendable static func undo(req: Request) async throws -> Response {
        let key = req.parameters.get("id") ?? ""
        guard let batch = try await ImportBatch.find(key, on: req.sql) else {
            throw Abort(.notFound, reason: "Lot d'import inconnu.")
        }
        do {
            _ = try await req.db.sqlTransaction { db in try await batch.undo(on: db, actor: req.actor) }
        } catch let error as ServiceError {
            return try await refused(error.message, status: error.status, on: req)
        }
        return .seeOther(SiteURL.imports.with([("annule", batch.shortID)]))
    }
}
