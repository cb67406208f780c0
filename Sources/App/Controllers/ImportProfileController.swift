import Foundation
import JalonCore
import SQLKit
import Vapor

/// Import profile pages: list and JSON import, one profile (test on a file, JSON export), the editor.
enum ImportProfileController {
    @Sendable static func index(req: Request) async throws -> Response {
        var model = try await ImportProfileIndex.query(on: req.sql)
        model.message = (try? req.query.get(String.self, at: "ok")).map { "Profil \($0) enregistré." }
        return .html(ImportProfileIndex.render(model))
    }

    /// The list again, with why the JSON document was refused.
    static func refused(_ error: String, status: HTTPResponseStatus, on req: Request) async throws -> Response {
        var model = try await ImportProfileIndex.query(on: req.sql)
        model.error = error
        return .html(ImportProfileIndex.render(model), status: status)
    }

    /// A JSON document posted from the list page: a new version when it changed.
    @Sendable static func importJSON(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            return try await refused("Choisissez un fichier JSON.", status: .unprocessableEntity, on: req)
        }
        do {
            let doc = try ImportProfileDocument.decode(
                Data(buffer: file.data), fileName: String(file.filename.prefix(200)))
            _ = try await req.db.sqlTransaction { db in
                try await ImportProfileService.save(doc, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.importProfiles.with([("ok", doc.profile.name)]))
        } catch let error as ServiceError {
            return try await refused(error.message, status: error.status, on: req)
        }
    }

    /// The profile page's model for the profile named in the path (at `?version=`, if given).
    static func profile(_ req: Request) async throws -> ImportProfileShow.Model {
        let name = req.parameters.get("name") ?? ""
        guard
            let model = try await ImportProfileShow.query(
                name: name, version: try? req.query.get(Int.self, at: "version"), on: req.sql)
        else {
            throw Abort(.notFound, reason: "Profil d'import inconnu « \(name.prefix(40)) ».")
        }
        return model
    }

    @Sendable static func show(req: Request) async throws -> Response {
        .html(ImportProfileShow.render(try await profile(req)))
    }

    @Sendable static func json(req: Request) async throws -> Response {
        let name = req.parameters.get("name") ?? ""
        guard
            let stored = try await ImportProfileService.find(
                name, version: try? req.query.get(Int.self, at: "version"), on: req.sql)
        else {
            throw Abort(.notFound, reason: "Profil d'import inconnu « \(name.prefix(40)) ».")
        }
        let response = Response.json(data: stored.document.encoded())
        response.headers.contentDisposition = .init(
            .attachment, filename: "\(stored.profile.name)-v\(stored.profile.version).json")
        return response
    }

    /// Runs a profile on a file without writing: columns found, canonical rows, preview of the import.
    static func trial(
        _ profile: ImportProfile, data: Data, fileName: String, settings: [String: String], on req: Request
    ) async -> ImportProfileTrial {
        var trial = ImportProfileTrial(fileName: fileName)
        do {
            let records = try UploadedCSV.table(data, fileName: fileName, sheet: profile.sheet)
            trial.headers = records.first { $0.line == profile.headerLine }?.fields ?? []
            do { trial.rows = Array(try profile.apply(records, settings: settings).prefix(30)) } catch let failure
                as ImportProfile.Failure
            {
                trial.error =
                    failure.line > 0 ? "\(fileName), \(failure.description)" : "\(fileName) : \(failure.description)"
                return trial
            }
            trial.report = try await req.db.sqlTransaction { db in
                var importer = ObservationImporter(actor: req.actor, on: db)
                importer.givenProfile = profile
                let file = ImportFile(name: fileName, data: data, options: ImportOptions(settings: settings))
                return try await ImportPipeline.run(&importer, file: file, mode: .preview, on: db, actor: req.actor)
            }
        } catch let error as ServiceError {
            trial.error = error.message
        } catch {
            trial.error = "\(fileName) : fichier illisible."
        }
        return trial
    }

    @Sendable static func test(req: Request) async throws -> Response {
        var model = try await profile(req)
        model.settings = ImportOptions.settings(fromFields: { try? req.content.get(String.self, at: $0) })
        struct Upload: Content { var file: File? }
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            model.trial = ImportProfileTrial(fileName: "—", error: "Choisissez un fichier à tester.")
            return .html(ImportProfileShow.render(model), status: .unprocessableEntity)
        }
        model.trial = await trial(
            model.stored.profile, data: Data(buffer: file.data), fileName: String(file.filename.prefix(200)),
            settings: model.settings, on: req)
        return .html(ImportProfileShow.render(model))
    }

    @Sendable static func editor(req: Request) async throws -> Response {
        .html(
            ImportProfileEdit.render(
                try await ImportProfileEdit.query(profile: try? req.query.get(String.self, at: "profil"), on: req.sql)))
    }

    /// "Tester" re-renders the editor with the sample read through the form's profile; "Enregistrer"
    /// saves a version.
    @Sendable static func submit(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        var fields: [String: String] = [:]
        for key in [
            "name", "description", "header_line", "sheet", "unpivot_field", "unpivot_value_field", "unpivot_columns",
            "filters", "lookups", "action", "sample"
        ]
            + ImportProfile.fields.flatMap({ ["col_" + $0, "const_" + $0, "param_" + $0] })
        {
            if let value = try? req.content.get(String.self, at: key) { fields[key] = value }
        }
        let form = ImportProfileEdit.Form(fields: fields)
        // The sample: a new file replaces the kept one.
        var sample: (id: String, name: String, data: Data)?
        if let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 {
            let name = String(file.filename.prefix(200))
            let data = Data(buffer: file.data)
            let id = try await req.db.sqlTransaction { db in
                try await ImportUploadService.stage(
                    ImportFile(name: name, data: data), kind: .observations, actor: req.actor, on: db)
            }
            sample = (id.uuidString.lowercased(), name, data)
        } else if let id = fields["sample"].flatMap(UUID.init(uuidString:)) {
            if let upload = try await ImportUploadService.find(id, actor: req.actor, on: req.sql) {
                sample = (id.uuidString.lowercased(), upload.file.name, upload.file.data)
            }
        }
        let kept = sample.map { ImportProfileEdit.Sample(id: $0.id, name: $0.name) }
        let profile: ImportProfile
        do { profile = try form.profile() } catch let error as ServiceError {
            var trial: ImportProfileTrial?
            if let sample {
                // Show the sample's columns even when the profile is not complete yet, so they can be
                // picked.
                let records =
                    (try? UploadedCSV.table(
                        sample.data, fileName: sample.name, sheet: form.sheet.isEmpty ? nil : form.sheet)) ?? []
                trial = .init(
                    fileName: sample.name,
                    headers: records.first { $0.line == (Int(form.headerLine) ?? 1) }?.fields ?? [])
            }
            return .html(
                ImportProfileEdit.render(.init(form: form, sample: kept, trial: trial, error: error.message)),
                status: .unprocessableEntity)
        }
        if fields["action"] == "enregistrer" {
            do {
                _ = try await req.db.sqlTransaction { db in
                    try await ImportProfileService.save(.init(profile: profile), on: db, actor: req.actor)
                }
                return .seeOther(SiteURL.importProfile(profile.name).path)
            } catch let error as ServiceError {
                return .html(
                    ImportProfileEdit.render(.init(form: form, sample: kept, error: error.message)),
                    status: error.status)
            }
        }
        var trial: ImportProfileTrial?
        if let sample {
            trial = await self.trial(profile, data: sample.data, fileName: sample.name, settings: [:], on: req)
        }
        return .html(
            ImportProfileEdit.render(
                .init(
                    form: form, sample: kept,
                    trial: trial ?? .init(fileName: "—", error: "Déposez un fichier exemple pour tester le profil."))))
    }
}
