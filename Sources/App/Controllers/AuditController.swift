import Foundation
import Vapor

/// The audit trail pages (read-only; accounts and the administrator role arrive with issue 6).
enum AuditController {
    static func filter(_ req: Request) -> AuditFilter {
        func q(_ k: String) -> String? { ActivityController.q(req, k) }
        var f = AuditFilter(
            actor: q("acteur"), action: q("action"), objectType: q("objet"), objectID: q("identifiant"), text: q("q"))
        f.page = max(1, min(100_000, q("page").flatMap(Int.init) ?? 1))
        return f
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let f = filter(req)
        let (events, total) = try await AuditQuery.page(f, on: req.sql)
        return .html(AuditPage.render(f, events: events, total: total))
    }

    @Sendable static func csv(req: Request) async throws -> Response {
        .csv(try await AuditQuery.csv(filter(req), on: req.sql), fileName: "journal-audit.csv")
    }
}
