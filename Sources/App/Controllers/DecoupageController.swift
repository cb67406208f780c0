import Vapor

enum DecoupageController {
    struct CreateForm: Content {
        var name: String
        var region: String?
        var description: String?
    }
    struct TerritoryFormData: Content {
        var code: String
        var name: String
        var members: String
    }
    struct DeleteForm: Content { var code: String }

    @Sendable static func index(req: Request) async throws -> Response {
        .html(DecoupageIndex.render(try await DecoupageIndex.query(on: req.sql)))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(CreateForm.self)
        do {
            _ = try await req.db.sqlTransaction { db in
                try await DecoupageService.create(
                    name: form.name, description: form.description ?? "",
                    region: form.region?.isEmpty == false ? form.region : nil, on: db, actor: req.actor)
            }
        } catch let error as ServiceError {
            return .html(
                DecoupageIndex.render(try await DecoupageIndex.query(error: error.message, on: req.sql)),
                status: error.status)
        }
        return .seeOther(SiteURL.decoupage(DecoupageService.slug(form.name)).path)
    }

    static func find(_ req: Request) async throws -> Decoupage {
        let code = req.parameters.get("code") ?? ""
        guard let decoupage = try await DecoupageQuery.find(code: code, on: req.sql) else {
            throw Abort(.notFound, reason: "Découpage inconnu « \(code) ».")
        }
        return decoupage
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let decoupage = try await find(req)
        let message = (try? req.query.get(String.self, at: "ok")).map { "Territoire \($0) enregistré." }
        return .html(
            DecoupageEdit.render(try await DecoupageEdit.query(decoupage, message: message, on: req.sql)))
    }

    /// Adds or redefines a territory of the découpage; on error the form comes back filled in.
    @Sendable static func defineTerritory(req: Request) async throws -> Response {
        let decoupage = try await find(req)
        let form = try req.content.decode(TerritoryFormData.self)
        let members = form.members.split(whereSeparator: { " ,;\n\r\t".contains($0) }).map(String.init)
        do {
            let territory = try await req.db.sqlTransaction { db in
                try await TerritoryService.define(
                    .init(
                        code: form.code, name: form.name, decoupage: decoupage.name, parent: decoupage.regionCode,
                        members: members),
                    on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.decoupage(decoupage.code).with([("ok", territory.code)]))
        } catch let error as ServiceError {
            let model = try await DecoupageEdit.query(
                decoupage, form: .init(code: form.code, name: form.name, members: form.members), error: error.message,
                on: req.sql)
            return .html(DecoupageEdit.render(model), status: error.status)
        }
    }

    @Sendable static func deleteTerritory(req: Request) async throws -> Response {
        let decoupage = try await find(req)
        let form = try req.content.decode(DeleteForm.self)
        do {
            try await req.db.sqlTransaction { db in
                try await DecoupageService.deleteTerritory(form.code, on: db, actor: req.actor)
            }
        } catch let error as ServiceError {
            return .html(
                DecoupageEdit.render(try await DecoupageEdit.query(decoupage, error: error.message, on: req.sql)),
                status: error.status)
        }
        return .seeOther(SiteURL.decoupage(decoupage.code).path)
    }
}
