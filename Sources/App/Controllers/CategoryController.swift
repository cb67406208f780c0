import JalonCore
import Vapor

enum CategoryController {
    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(Int.self, at: "reclassees")).map {
            "Couloirs enregistrés : \(UI.number($0)) structure(s) reclassée(s)."
        }
        return .html(CategoryIndex.render(try await CategoryIndex.query(message: message, on: req.sql)))
    }

    /// The page posts `couloir[CODE]=COULOIR` for every row; only real changes are written.
    @Sendable static func update(req: Request) async throws -> Response {
        let form = try req.content.decode([String: [String: String]].self)
        var changes: [String: Couloir] = [:]
        for (code, value) in form["couloir"] ?? [:] {
            guard let couloir = Couloir(code: value) else {
                return .html(
                    CategoryIndex.render(
                        try await CategoryIndex.query(
                            error: "Couloir inconnu « \(value) » pour la catégorie \(code).", on: req.sql)),
                    status: .unprocessableEntity)
            }
            changes[code] = couloir
        }
        return try await apply(changes, req: req)
    }

    @Sendable static func exportCSV(req: Request) async throws -> Response {
        .csv(CategoryIndex.csv(try await CategoryService.all(on: req.sql)), fileName: "categories_couloirs.csv")
    }

    @Sendable static func importCSV(req: Request) async throws -> Response {
        struct Upload: Content { var file: File }
        do {
            let upload = try req.content.decode(Upload.self)
            let changes = try CategoryService.parseCSV(Data(buffer: upload.file.data), fileName: upload.file.filename)
            return try await apply(changes, req: req)
        } catch let error as ServiceError {
            return .html(
                CategoryIndex.render(try await CategoryIndex.query(error: error.message, on: req.sql)),
                status: error.status)
        }
    }

    static func apply(_ changes: [String: Couloir], req: Request) async throws -> Response {
        do {
            let moved = try await req.db.sqlTransaction { db in
                try await CategoryService.setCouloirs(changes, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.categories.with([("reclassees", String(moved))]))
        } catch let error as ServiceError {
            return .html(
                CategoryIndex.render(try await CategoryIndex.query(error: error.message, on: req.sql)),
                status: error.status)
        }
    }
}
