import Vapor

enum ReferentialController {
    struct Form: Content {
        var kind: String
        var code: String
        var label: String
        var aliases: String?
    }

    static func model(message: String? = nil, error: String? = nil, on req: Request) async throws
        -> ReferentialsPage.Model
    {
        var lists: [ReferentialService.Kind: [ReferentialService.Item]] = [:]
        for kind in ReferentialService.Kind.allCases {
            lists[kind] = try await ReferentialService.items(kind, on: req.sql)
        }
        return .init(lists: lists, message: message, error: error)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map { "\($0) enregistré." }
        return .html(ReferentialsPage.render(try await model(message: message, on: req)))
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            guard let kind = ReferentialService.Kind(rawValue: form.kind) else {
                throw ServiceError.invalid("Référentiel inconnu « \(form.kind.prefix(30)) ».")
            }
            try await req.db.sqlTransaction { db in
                try await ReferentialService.save(
                    kind, code: form.code, label: form.label, aliases: form.aliases, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.referentials.with([("ok", form.code.uppercased())]))
        } catch let error as ServiceError {
            return .html(ReferentialsPage.render(try await model(error: error.message, on: req)), status: error.status)
        }
    }
}
