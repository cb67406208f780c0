import Foundation
import JalonCore
import Vapor

/// `/programmes`, `/programmes/{code}` and its applications: the funding programmes and what they add up to.
enum ProgrammeController {
    @Sendable static func index(req: Request) async throws -> Response {
        var model = try await ProgrammeIndex.query(on: req.sql)
        if let installed = req.queryText("installe") {
            model.message = "Programme « \(installed.prefix(40)) » installé."
        }
        return .html(ProgrammeIndex.render(model))
    }

    struct InstallForm: Content {
        var template: String?
    }

    /// Installs a shipped programme (SUN-ES…), which the région then completes with its envelopes.
    @Sendable static func install(req: Request) async throws -> Response {
        let form = try req.content.decode(InstallForm.self)
        do {
            let definition = try ProgrammeService.template(form.template ?? "")
            try await req.db.sqlTransaction { db in
                _ = try await ProgrammeService.save(definition, on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.programmes.with([("installe", definition.name)]))
        } catch let error as ServiceError {
            var model = try await ProgrammeIndex.query(on: req.sql)
            model.error = error.message
            return .html(ProgrammeIndex.render(model), status: error.status)
        }
    }

    static func window(_ req: Request) throws -> Int? {
        guard let raw = req.queryText("fenetre"), !raw.isEmpty else { return nil }
        guard let number = Int(raw), (1...50).contains(number) else {
            throw Abort(.badRequest, reason: "Fenêtre illisible « \(raw.prefix(10)) ».")
        }
        return number
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard let model = try await ProgrammeShow.query(code, window: try window(req), today: Day.today(), on: req.sql)
        else { throw Abort(.notFound, reason: "Programme inconnu « \(code.prefix(40)) ».") }
        return .html(ProgrammeShow.render(model))
    }

    @Sendable static func applications(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        var status: ApplicationStatus?
        if let raw = req.queryText("statut"), !raw.isEmpty {
            guard let known = ApplicationStatus(rawValue: raw) ?? ApplicationStatus(french: raw) else {
                throw Abort(.badRequest, reason: "Statut inconnu « \(raw.prefix(20)) ».")
            }
            status = known
        }
        guard
            let model = try await ProgrammeApplications.query(
                code, window: try window(req), domain: req.trimmedQueryText("domaine"), status: status, on: req.sql)
        else { throw Abort(.notFound, reason: "Programme inconnu « \(code.prefix(40)) ».") }
        return .html(ProgrammeApplications.render(model))
    }
}
