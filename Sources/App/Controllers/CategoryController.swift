import JalonCore
import SQLKit
import Vapor

enum CategoryController {
    static func model(message: String? = nil, error: String? = nil, on db: any SQLDatabase) async throws
        -> Categories.Model
    {
        .init(
            categories: try await CategoryService.all(on: db),
            counts: try await CategoryService.openStructureCounts(on: db),
            message: message, error: error)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(Int.self, at: "reclassees")).map {
            "Couloirs enregistrés : \(UI.number($0)) structure(s) reclassée(s)."
        }
        return .html(Categories.render(try await model(message: message, on: req.sql)))
    }

    /// The page posts `couloir[CODE]=COULOIR` for every row; only real changes are written.
    @Sendable static func update(req: Request) async throws -> Response {
        let form = try req.content.decode([String: [String: String]].self)
        var changes: [String: Couloir] = [:]
        for (code, value) in form["couloir"] ?? [:] {
            guard let couloir = Couloir(code: value) else {
                return .html(
                    Categories.render(
                        try await model(error: "Couloir inconnu « \(value) » pour la catégorie \(code).", on: req.sql)),
                    status: .unprocessableEntity)
            }
            changes[code] = couloir
        }
        return try await apply(changes, req: req)
    }

    @Sendable static func exportCSV(req: Request) async throws -> Response {
        .csv(Categories.csv(try await CategoryService.all(on: req.sql)), fileName: "categories_couloirs.csv")
    }

    @Sendable static func importCSV(req: Request) async throws -> Response {
        struct Upload: Content { var file: File }
        do {
            let upload = try req.content.decode(Upload.self)
            let changes = try CategoryService.parseCSV(Data(buffer: upload.file.data), fileName: upload.file.filename)
            return try await apply(changes, req: req)
        } catch let error as ServiceError {
            return .html(Categories.render(try await model(error: error.message, on: req.sql)), status: error.status)
        }
    }

    static func apply(_ changes: [String: Couloir], req: Request) async throws -> Response {
        do {
            let moved = try await req.db.sqlTransaction { db in
                try await CategoryService.setCouloirs(changes, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.categories.with([("reclassees", String(moved))]))
        } catch let error as ServiceError {
            return .html(Categories.render(try await model(error: error.message, on: req.sql)), status: error.status)
        }
    }
}
