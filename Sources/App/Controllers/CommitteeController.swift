import Foundation
import JalonCore
import Vapor

/// `/comites` and `/comites/{code}`: the register, a committee, and the forms that write them.
enum CommitteeController {
    struct Form: Content {
        var section: String?
        var name: String?
        var kind: String?
        var frequency: String?
        var territory: String?
        var organisations: String?
        var objectives: String?
        var agendaTemplate: String?
        var code: String?
        var contact: String?
        var role: String?
        var year: String?
        var version: Int?
        var feed: String?
        var day, startTime, durationMinutes, place, videoURL: String?
        var fiche: String?

        enum CodingKeys: String, CodingKey {
            case section, name, kind, frequency, territory, organisations, objectives, code, contact, role, year
            case version, feed, day, place, fiche
            case agendaTemplate = "agenda_template"
            case startTime = "start_time"
            case durationMinutes = "duration_minutes"
            case videoURL = "video_url"
        }

        var input: CommitteeService.Input {
            .init(
                name: name ?? "", kind: kind ?? "", organisations: organisations ?? "", territory: territory ?? "",
                frequency: frequency ?? "", objectives: objectives ?? "", agendaTemplate: agendaTemplate ?? "",
                code: code ?? "")
        }
    }

    static func year(_ req: Request) throws -> Int {
        guard let raw = req.queryText("annee") else { return Day.today().year }
        guard let year = Int(raw), (2000...2100).contains(year) else {
            throw Abort(.badRequest, reason: "Année illisible « \(raw.prefix(10)) » (2000–2100).")
        }
        return year
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var model = try await CommitteeIndex.query(year: try year(req), today: Day.today(), on: req.sql)
        if req.queryText("ok") != nil { model.message = "Comité enregistré." }
        return .html(CommitteeIndex.render(model))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let code: String
        do {
            code = try await req.db.sqlTransaction { db in
                try await CommitteeService.create(form.input, on: db, actor: req.actor)
            }
        } catch let error as ServiceError {
            var model = try await CommitteeIndex.query(year: Day.today().year, today: Day.today(), on: req.sql)
            model.error = error.message
            return .html(CommitteeIndex.render(model), status: error.status)
        }
        return .seeOther(SiteURL.committee(code).with([("ok", "cree")]))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        guard var model = try await CommitteeShow.query(code, today: Day.today(), on: req.sql) else {
            throw Abort(.notFound, reason: "Comité inconnu « \(code.prefix(60)) ».")
        }
        switch req.queryText("ok") {
        case "cree": model.message = "Comité créé."
        case .some(let planned) where planned.hasPrefix("programme-"):
            model.message = "Programme proposé : \(planned.dropFirst(10)) réunion(s) planifiée(s)."
        case .some: model.message = "Comité enregistré."
        case nil: break
        }
        return .html(CommitteeShow.render(model))
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let form = try req.content.decode(Form.self)
        if form.section == "feed" { return try await createFeed(code, form: form, req: req) }
        if form.section == "meeting" { return try await planMeeting(code, form: form, req: req) }
        let done: String
        do {
            done = try await req.db.sqlTransaction { db in
                switch form.section ?? "" {
                case "edit":
                    try await CommitteeService.update(code, form.input, version: form.version, on: db, actor: req.actor)
                    return "1"
                case "remove-member":
                    guard let contact = UUID(uuidString: form.contact ?? "") else {
                        throw ServiceError.invalid("Membre inconnu.", field: "contact")
                    }
                    try await CommitteeService.removeMember(code, contact: contact, on: db, actor: req.actor)
                    return "1"
                case "member":
                    guard let contact = UUID(uuidString: form.contact ?? "") else {
                        throw ServiceError.invalid("Choisissez un contact de l'annuaire.", field: "contact")
                    }
                    try await CommitteeService.setMember(
                        code, contact: contact, role: form.role ?? "", on: db, actor: req.actor)
                    return "1"
                case "follow":
                    try await CommitteeService.follow(code, fiche: form.fiche ?? "", on: db, actor: req.actor)
                    return "1"
                case "unfollow":
                    try await CommitteeService.unfollow(code, fiche: form.fiche ?? "", on: db, actor: req.actor)
                    return "1"
                case "feed-revoke":
                    guard let feed = UUID(uuidString: form.feed ?? ""),
                        let committee = try await CommitteeQuery.find(code, on: db)
                    else { throw ServiceError.notFound("Abonnement inconnu.") }
                    try await CalendarFeedService.revoke(feed, committee: committee, on: db, actor: req.actor)
                    return "1"
                case "programme":
                    guard let year = Int(form.year ?? "") else {
                        throw ServiceError.invalid(
                            "Année illisible « \((form.year ?? "").prefix(10)) ».", field: "year")
                    }
                    let planned = try await CommitteeService.planYear(code, year: year, on: db, actor: req.actor)
                    return "programme-\(planned)"
                default:
                    throw ServiceError.invalid("Section inconnue « \((form.section ?? "").prefix(20)) ».")
                }
            }
        } catch let error as ServiceError {
            return try await refused(code, error, req: req)
        }
        return .seeOther(SiteURL.committee(code).with([("ok", done)]))
    }

    /// The committee's page again, with the refusal of what was just posted.
    static func refused(_ code: String, _ error: ServiceError, req: Request) async throws -> Response {
        guard var model = try await CommitteeShow.query(code, today: Day.today(), on: req.sql) else {
            throw Abort(.notFound, reason: "Comité inconnu « \(code.prefix(60)) ».")
        }
        model.error = error.message
        return .html(CommitteeShow.render(model), status: error.status)
    }

    /// A meeting planned from the committee's page opens on its own page, to write its agenda.
    static func planMeeting(_ code: String, form: Form, req: Request) async throws -> Response {
        do {
            let meeting = try await req.db.sqlTransaction { db in
                try await CommitteeService.planMeeting(
                    code,
                    .init(
                        day: form.day ?? "", startTime: form.startTime ?? "",
                        durationMinutes: form.durationMinutes ?? "", place: form.place ?? "",
                        videoURL: form.videoURL ?? "", status: ""), on: db, actor: req.actor)
            }
            return .seeOther(SiteURL.meeting(meeting.uuidString.lowercased()).with([("ok", "1")]))
        } catch let error as ServiceError {
            return try await refused(code, error, req: req)
        }
    }

    /// A new calendar address is shown on the page that answers, once: it is not stored in clear.
    static func createFeed(_ code: String, form: Form, req: Request) async throws -> Response {
        guard let committee = try await CommitteeQuery.find(code, on: req.sql) else {
            throw Abort(.notFound, reason: "Comité inconnu « \(code.prefix(60)) ».")
        }
        var address: String?
        var failure: ServiceError?
        do {
            let contact = (form.contact ?? "").isEmpty ? nil : UUID(uuidString: form.contact ?? "")
            let token = try await req.db.sqlTransaction { db in
                try await CalendarFeedService.create(
                    for: committee, contact: contact, keys: req.application.config.auth.keys, on: db, actor: req.actor)
            }
            address = MeetingController.origin(req) + SiteURL.calendarFeed(token).path
        } catch let error as ServiceError {
            failure = error
        }
        guard var model = try await CommitteeShow.query(code, today: Day.today(), on: req.sql) else {
            throw Abort(.notFound, reason: "Comité inconnu.")
        }
        model.newFeedURL = address
        model.error = failure?.message
        return .html(CommitteeShow.render(model), status: failure?.status ?? .ok)
    }
}
