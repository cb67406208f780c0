import Vapor

enum ReferentialController {
    struct Form: Content {
        var kind: String
        var code: String
        var label: String
        var aliases: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let message = (try? req.query.get(String.self, at: "ok")).map { "\($0) enregistré." }
        return .html(ReferentialIndex.render(try await ReferentialIndex.query(message: message, on: req.sql)))
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        do {
            guard let kind = ReferentialKind(rawValue: form.kind) else {
                throw ServiceError.invalid("Référentiel inconnu « \(form.kind.prefix(30)) ».")
            }
            try await req.db.sqlTransaction { db in
                try await ReferentialService.save(
                    kind, code: form.code, label: form.label, aliases: form.aliases, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.referentials.with([("ok", form.code.uppercased())]))
        } catch let error as ServiceError {
            return .html(
                ReferentialIndex.render(try await ReferentialIndex.query(error: error.message, on: req.sql)),
                status: error.status)
        }
    }
}
