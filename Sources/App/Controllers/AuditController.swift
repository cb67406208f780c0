import Foundation
import Vapor

/// The audit trail pages (read-only; accounts and the administrator role arrive with issue 6).
enum AuditController {
    static func filter(_ req: Request) -> AuditFilter {
        var filter = AuditFilter(
            actor: req.trimmedQueryText("acteur"), action: req.trimmedQueryText("action"),
            objectType: req.trimmedQueryText("objet"), objectID: req.trimmedQueryText("identifiant"),
            text: req.trimmedQueryText("q"))
        filter.page = max(1, min(100_000, req.trimmedQueryText("page").flatMap(Int.init) ?? 1))
        return filter
    }

    @Sendable static func index(req: Request) async throws -> Response {
        .html(AuditIndex.render(try await AuditIndex.query(filter(req), on: req.sql)))
    }

    @Sendable static func csv(req: Request) async throws -> Response {
        .csv(try await AuditQuery.csv(filter(req), on: req.sql), fileName: "journal-audit.csv")
    }
}
