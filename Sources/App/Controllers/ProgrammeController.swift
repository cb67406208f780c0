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

    /// A région may keep applications' amounts to its pilotes and administrateurs.
    static func showsAmounts(_ req: Request) -> Bool {
        guard req.application.config.programmeAmountsRestricted else { return true }
        let role = req.identity?.grant.role
        return role == .pilote || role == .administrateur
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
        guard var model = try await ProgrammeShow.query(code, window: try window(req), today: Day.today(), on: req.sql)
        else { throw Abort(.notFound, reason: "Programme inconnu « \(code.prefix(40)) ».") }
        if req.queryText("ok") != nil { model.message = "Dates de la fenêtre enregistrées." }
        model.showsAmounts = showsAmounts(req)
        return .html(ProgrammeShow.render(model))
    }

    struct WindowForm: Content {
        var number: Int?
        var version: Int?
        var opensOn, closesOn, instructionEndsOn, targetsDueOn, paymentDueOn, reason: String?

        enum CodingKeys: String, CodingKey {
            case number, version, reason
            case opensOn = "opens_on"
            case closesOn = "closes_on"
            case instructionEndsOn = "instruction_ends_on"
            case targetsDueOn = "targets_due_on"
            case paymentDueOn = "payment_due_on"
        }
    }

    /// `POST /programmes/{code}`: a window's dates moved, with the reason.
    @Sendable static func moveWindow(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let form = try req.content.decode(WindowForm.self)
        do {
            try await req.db.sqlTransaction { db in
                try await ProgrammeService.moveWindow(
                    code, number: form.number ?? 0,
                    .init(
                        number: form.number ?? 0, opensOn: form.opensOn, closesOn: form.closesOn,
                        instructionEndsOn: form.instructionEndsOn, targetsDueOn: form.targetsDueOn,
                        paymentDueOn: form.paymentDueOn), reason: form.reason ?? "", version: form.version, on: db,
                    actor: req.actor)
            }
        } catch let error as ServiceError {
            guard var model = try await ProgrammeShow.query(code, window: nil, today: Day.today(), on: req.sql) else {
                throw Abort(.notFound, reason: "Programme inconnu « \(code.prefix(40)) ».")
            }
            model.error = error.message
            return .html(ProgrammeShow.render(model), status: error.status)
        }
        return .seeOther(SiteURL.programme(code).with([("ok", "1")]) + "#fenetres")
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
            var model = try await ProgrammeApplications.query(
                code, window: try window(req), domain: req.trimmedQueryText("domaine"), status: status, on: req.sql)
        else { throw Abort(.notFound, reason: "Programme inconnu « \(code.prefix(40)) ».") }
        model.showsAmounts = showsAmounts(req)
        return .html(ProgrammeApplications.render(model))
    }
}
