import Foundation
import JalonCore
import SQLKit
import Vapor

/// Import profile pages: list and JSON import, one profile (test on a file, JSON export), the editor.
enum ImportProfileController {
    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map { "Profil \($0) enregistré." }
        return .html(ImportProfilesPage.renderList(try await all(req), message: message))
    }

    static func all(_ req: Request) async throws -> [ImportProfileService.Stored] {
        try await ImportProfileService.all(on: req.sql)
    }

    /// A JSON document posted from the list page: a new version when it changed.
    @Sendable static func importJSON(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            return .html(
                ImportProfilesPage.renderList(try await all(req), error: "Choisissez un fichier JSON."),
                status: .unprocessableEntity)
        }
        do {
            let doc = try ImportProfileDocument.decode(
                Data(buffer: file.data), fileName: String(file.filename.prefix(200)))
            _ = try await req.db.sqlTransaction { db in
                try await ImportProfileService.save(doc, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.importProfiles.with([("ok", doc.profile.name)]))
        } catch let error as ServiceError {
            return .html(ImportProfilesPage.renderList(try await all(req), error: error.message), status: error.status)
        }
    }

    static func stored(_ req: Request) async throws -> ImportProfileService.Stored {
        let name = req.parameters.get("name") ?? ""
        let version = try? req.query.get(Int.self, at: "version")
        guard
            let profile = try await ImportProfileService.find(name, version: version, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Profil d'import inconnu « \(name.prefix(40)) ».")
        }
        return profile
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let stored = try await stored(req)
        return .html(
            ImportProfilesPage.renderProfile(
                stored, versions: try await ImportProfileService.versions(stored.profile.name, on: req.sql)))
    }

    @Sendable static func json(req: Request) async throws -> Response {
        let stored = try await stored(req)
        let response = Response.json(data: stored.document.encoded())
        response.headers.contentDisposition = .init(
            .attachment, filename: "\(stored.profile.name)-v\(stored.profile.version).json")
        return response
    }

    /// Runs a profile on a file without writing: columns found, canonical rows, preview of the import.
    static func trial(
        _ profile: ImportProfile, data: Data, fileName: String, settings: [String: String], on req: Request
    ) async -> ImportProfilesPage.Trial {
        var trial = ImportProfilesPage.Trial(fileName: fileName)
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
        let stored = try await stored(req)
        let fields = ImportOptions.settings(fromFields: { try? req.content.get(String.self, at: $0) })
        struct Upload: Content { var file: File? }
        let versions = try await ImportProfileService.versions(stored.profile.name, on: req.sql)
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            var missing = ImportProfilesPage.Trial(fileName: "—")
            missing.error = "Choisissez un fichier à tester."
            return .html(
                ImportProfilesPage.renderProfile(stored, versions: versions, trial: missing, settings: fields),
                status: .unprocessableEntity)
        }
        let trial = await trial(
            stored.profile, data: Data(buffer: file.data), fileName: String(file.filename.prefix(200)),
            settings: fields, on: req)
        return .html(ImportProfilesPage.renderProfile(stored, versions: versions, trial: trial, settings: fields))
    }

    @Sendable static func editor(req: Request) async throws -> Response {
        var form = ImportProfileForm()
        var editing = false
        if let name = try? req.query.get(String.self, at: "profil"),
            let stored = try await ImportProfileService.find(name, on: req.sql)
        {
            form = ImportProfileForm(stored.profile)
            editing = true
        }
        return .html(ImportProfilesPage.renderEditor(form, sample: nil, trial: nil, error: nil, editing: editing))
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
        let form = ImportProfileForm(fields: fields)
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
        let kept = sample.map { (id: $0.id, name: $0.name) }
        let profile: ImportProfile
        do { profile = try form.profile() } catch let error as ServiceError {
            var trial: ImportProfilesPage.Trial?
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
                ImportProfilesPage.renderEditor(form, sample: kept, trial: trial, error: error.message, editing: false),
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
                    ImportProfilesPage.renderEditor(
                        form, sample: kept, trial: nil, error: error.message, editing: false),
                    status: error.status)
            }
        }
        var trial: ImportProfilesPage.Trial?
        if let sample {
            trial = await self.trial(profile, data: sample.data, fileName: sample.name, settings: [:], on: req)
        }
        return .html(
            ImportProfilesPage.renderEditor(
                form, sample: kept,
                trial: trial ?? .init(fileName: "—", error: "Déposez un fichier exemple pour tester le profil."),
                error: nil, editing: false))
    }
}
