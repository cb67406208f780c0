import JalonCore
import Vapor

/// `/feuille-de-route/gestion`: the roadmaps, and the forms that create, complete and archive them.
enum RoadmapIndexController {
    struct Form: Content {
        var section: String
        var roadmap: String?
        var template: String?
        var region: String?
        var code: String?
        var title: String?
        var start: String?
        var end: String?
        var status: String?
        var number: String?
        var priority: String?
        var objective: String?
        var version: Int?
        var service: String?
        var offset: Int?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var model = try await RoadmapIndex.query(today: Day.today(), on: req.sql)
        if req.queryText("ok") != nil { model.message = "Feuille de route enregistrée." }
        return .html(RoadmapIndex.render(model))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let roadmap = form.roadmap ?? ""
        do {
            try await req.db.sqlTransaction { db in
                switch form.section {
                case "template":
                    _ = try await RoadmapTemplate.create(
                        form.template ?? "", region: form.region ?? "R32", on: db, actor: req.actor)
                case "create":
                    _ = try await RoadmapService.create(
                        .init(
                            code: form.code ?? "", title: form.title ?? "", region: form.region ?? "R32",
                            startOn: form.start ?? "", endOn: form.end ?? "", status: form.status ?? ""),
                        on: db, actor: req.actor)
                case "status":
                    let stored = try await RoadmapService.existing(roadmap, on: db)
                    _ = try await RoadmapService.update(
                        roadmap,
                        .init(
                            code: stored.code, title: form.title ?? stored.name, region: stored.regionCode ?? "",
                            startOn: form.start ?? stored.startOn, endOn: form.end ?? stored.endOn,
                            status: form.status ?? ""),
                        version: form.version, on: db, actor: req.actor)
                case "objective":
                    guard let number = Int(form.number ?? "") else {
                        throw ServiceError.invalid("Numéro d'objectif illisible.", field: "number")
                    }
                    try await RoadmapService.addObjective(
                        roadmap: roadmap, number: number, title: form.title ?? "",
                        priority: (form.priority ?? "").isEmpty ? nil : Int(form.priority ?? ""), on: db,
                        actor: req.actor)
                case "fiche":
                    try await RoadmapService.addFiche(
                        roadmap: roadmap, code: form.code ?? "", title: form.title ?? "",
                        objective: Int(form.objective ?? ""), on: db, actor: req.actor)
                case "objective-edit":
                    guard let number = Int(form.objective ?? ""), let newNumber = Int(form.number ?? "") else {
                        throw ServiceError.invalid("Numéro d'objectif illisible.", field: "number")
                    }
                    try await RoadmapService.updateObjective(
                        roadmap: roadmap, number: number, newNumber: newNumber, title: form.title ?? "",
                        priority: (form.priority ?? "").isEmpty ? nil : Int(form.priority ?? ""),
                        version: form.version, on: db, actor: req.actor)
                case "fiche-edit":
                    try await RoadmapService.updateFiche(
                        roadmap: roadmap, fiche: form.code ?? "",
                        .init(title: form.title ?? "", service: form.service, objective: Int(form.objective ?? "")),
                        version: form.version, on: db, actor: req.actor)
                case "fiche-move":
                    try await RoadmapService.moveFiche(
                        roadmap: roadmap, fiche: form.code ?? "", offset: form.offset ?? 0, version: form.version,
                        on: db, actor: req.actor)
                case "archive":
                    try await RoadmapService.archive(roadmap, on: db, actor: req.actor)
                default: throw ServiceError.invalid("Section inconnue « \(form.section.prefix(20)) ».")
                }
            }
        } catch let error as ServiceError {
            var model = try await RoadmapIndex.query(today: Day.today(), on: req.sql)
            model.error = error.message
            return .html(RoadmapIndex.render(model), status: error.status)
        }
        return .seeOther(SiteURL.roadmaps.with([("ok", "1")]))
    }
}
