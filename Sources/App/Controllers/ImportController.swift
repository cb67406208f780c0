import Foundation
import SQLKit
import Vapor

enum ImportController {
    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map { "Import validé : lot \($0)." }
            ?? (try? req.query.get(String.self, at: "annule")).map { "Lot \($0) annulé : les valeurs précédentes sont rétablies." }
        return .html(ImportsPage.render(.init(batches: try await ObservationImport.batches(on: req.sql), message: message)))
    }

    /// Upload: keep the file, show what it would do.
    @Sendable static func upload(req: Request) async throws -> Response {
        struct Upload: Content { var file: File? }
        let upload = try? req.content.decode(Upload.self)
        guard let file = upload?.file, file.data.readableBytes > 0 else {
            return .html(ImportsPage.render(.init(batches: try await ObservationImport.batches(on: req.sql), error: "Choisissez un fichier à importer.")), status: .unprocessableEntity)
        }
        let data = Data(buffer: file.data), name = String(file.filename.prefix(200))
        do {
            let (report, _) = try await ObservationImport.preview(data, fileName: name, on: req.sql)
            let id = UUID()
            try await req.sql.insert(into: "import_uploads").columns("id", "file_name", "content", "created_at")
                .values(SQLBind(id), SQLBind(name), SQLBind(data), SQLBind(Date())).run()
            return .html(ImportsPage.renderPreview(report, upload: id.uuidString.lowercased()))
        } catch let e as ServiceError {
            return .html(ImportsPage.render(.init(batches: try await ObservationImport.batches(on: req.sql), error: e.message)), status: e.status)
        }
    }

    @Sendable static func preview(req: Request) async throws -> Response {
        let (id, name, data) = try await stored(req)
        let (report, _) = try await ObservationImport.preview(data, fileName: name, on: req.sql)
        return .html(ImportsPage.renderPreview(report, upload: id.uuidString.lowercased()))
    }

    static func stored(_ req: Request) async throws -> (UUID, String, Data) {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else { throw Abort(.notFound, reason: "Aperçu inconnu.") }
        struct U: Decodable { var file_name: String; var content: Data }
        guard let u = try await req.sql.select().columns("file_name", "content").from("import_uploads").where("id", .equal, id).first(decoding: U.self) else {
            throw Abort(.notFound, reason: "Aperçu inconnu ou déjà validé.")
        }
        return (id, u.file_name, u.content)
    }

    /// Validation: the same file, re-checked against the database as it is now, committed as one batch.
    @Sendable static func commit(req: Request) async throws -> Response {
        let (id, name, data) = try await stored(req)
        let report = try await req.db.sqlTransaction { db in
            let r = try await ObservationImport.commit(data, fileName: name, on: db, actor: .web)
            try await db.delete(from: "import_uploads").where("id", .equal, id).run()
            return r
        }
        guard let batch = report.batch else { return .seeOther(SiteURL.imports.path) }
        return .seeOther(SiteURL.imports.with([("ok", String(batch.uuidString.prefix(8)).lowercased())]))
    }

    @Sendable static func undo(req: Request) async throws -> Response {
        let key = req.parameters.get("id") ?? ""
        guard let batch = try await ObservationImport.find(key, on: req.sql) else { throw Abort(.notFound, reason: "Lot d'import inconnu.") }
        do {
            _ = try await req.db.sqlTransaction { db in try await ObservationImport.undo(batch, on: db, actor: .web) }
        } catch let e as ServiceError {
            return .html(ImportsPage.render(.init(batches: try await ObservationImport.batches(on: req.sql), error: e.message)), status: e.status)
        }
        return .seeOther(SiteURL.imports.with([("annule", String(batch.id.uuidString.prefix(8)).lowercased())]))
    }
}
