import Foundation
import JalonCore
import Vapor

/// `/programmes/{code}/candidatures/{id}`: one application, and the form that moves a domain's status.
enum ApplicationController {
    static func model(_ req: Request) async throws -> ApplicationShow.Model {
        let code = req.parameters.get("code") ?? ""
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
            var model = try await ApplicationShow.query(code, id: id, today: Day.today(), on: req.sql)
        else { throw Abort(.notFound, reason: "Dossier inconnu.") }
        model.showsAmounts = ProgrammeController.showsAmounts(req)
        return model
    }

    @Sendable static func show(req: Request) async throws -> Response {
        var model = try await model(req)
        if req.queryText("ok") != nil { model.message = "Statut enregistré." }
        return .html(ApplicationShow.render(model))
    }

    struct StatusForm: Content {
        var domain, status, statusOn, motive: String?
        /// Absent when the form did not show the amounts: the stored ones stay.
        var amount, signature, targets: String?

        enum CodingKeys: String, CodingKey {
            case domain, status, motive, amount, signature, targets
            case statusOn = "status_on"
        }
    }

    @Sendable static func change(req: Request) async throws -> Response {
        var model = try await model(req)
        let form = try req.content.decode(StatusForm.self)
        let application = model.application
        guard let domain = model.domains.first(where: { $0.domainCode == form.domain }) else {
            throw Abort(.badRequest, reason: "Domaine inconnu pour ce dossier.")
        }
        func stored(_ cents: Int64?) -> String { cents.map { Money.french($0) } ?? "" }
        let input = ApplicationService.Input(
            programme: model.programme.code, window: "\(model.window.number)",
            structure: application.grappeCode == nil ? application.structureKey ?? "" : "",
            grappe: application.grappeCode ?? "",
            domain: domain.domainCode, status: form.status ?? "", statusOn: form.statusOn ?? "",
            amount: form.amount ?? stored(domain.amountCents),
            signature: form.signature ?? stored(domain.signatureCents),
            targets: form.targets ?? stored(domain.targetsCents), reference: application.reference,
            motive: form.motive ?? "")
        do {
            try await req.db.sqlTransaction { db in
                try await ApplicationService.change(input, on: db, actor: req.actor)
            }
        } catch let error as ServiceError {
            model.error = error.message
            return .html(ApplicationShow.render(model), status: error.status)
        }
        return .seeOther(SiteURL.application(model.programme.code, application.id.uuidString).with([("ok", "1")]))
    }
}
