import Foundation
import JalonCore
import Vapor

/// `/comites/reunions/{id}`: a meeting, and the forms that write its details, agenda, attendance, minutes
/// and decisions.
enum MeetingController {
    struct Form: Content {
        var section: String?
        var version: Int?
        var day, startTime, durationMinutes, place, videoURL, status: String?
        var item: String?
        var contact, presence, representedBy: String?
        var minutes, reason: String?
        var text, owner, due, decision: String?
        var kind, point, move: String?
        var subjectKind, subjectCode: String?

        enum CodingKeys: String, CodingKey {
            case section, version, day, place, status, item, contact, presence, minutes, reason, text, owner, due
            case decision, kind, point, move
            case subjectKind = "subject_kind"
            case subjectCode = "subject_code"
            case startTime = "start_time"
            case durationMinutes = "duration_minutes"
            case videoURL = "video_url"
            case representedBy = "represented_by"
        }
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else {
            throw Abort(.notFound, reason: "Réunion inconnue.")
        }
        return id
    }

    static func page(_ id: UUID, message: String? = nil, error: ServiceError? = nil, req: Request) async throws
        -> Response
    {
        guard var model = try await MeetingShow.query(id, on: req.sql) else {
            throw Abort(.notFound, reason: "Réunion inconnue.")
        }
        model.message = message
        model.error = error?.message
        model.draftReadable = try await MeetingService.mayReadDraftMinutes(
            model.committee, actor: req.actor, on: req.sql)
        model.mail.configured = req.application.config.smtp != nil
        return .html(MeetingShow.render(model), status: error?.status ?? .ok)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let sent = req.queryText("envoi").flatMap(InvitationKind.init(rawValue:))
        let message = sent.map { "\($0.label) envoyée." } ?? (req.queryText("ok") != nil ? "Réunion enregistrée." : nil)
        return try await page(try id(req), message: message, req: req)
    }

    static func uuid(_ raw: String?, _ what: String) throws -> UUID {
        guard let id = UUID(uuidString: raw ?? "") else { throw ServiceError.invalid("\(what) inconnu(e).") }
        return id
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let meeting = try id(req)
        let form = try req.content.decode(Form.self)
        if form.section == "send" { return try await sendInvitations(meeting, req: req) }
        do {
            try await req.db.sqlTransaction { db in
                let actor = req.actor
                switch form.section ?? "" {
                case "details":
                    try await MeetingService.update(
                        meeting,
                        .init(
                            day: form.day ?? "", startTime: form.startTime ?? "",
                            durationMinutes: form.durationMinutes ?? "", place: form.place ?? "",
                            videoURL: form.videoURL ?? "", status: form.status ?? ""),
                        version: form.version, on: db, actor: actor)
                case "agenda":
                    let subject = try await MeetingService.checkedSubject(
                        kind: form.subjectKind, code: form.subjectCode, on: db)
                    try await MeetingService.addAgendaItem(
                        meeting, line: form.item ?? "", subject: subject, on: db, actor: actor)
                case "agenda-move":
                    let item = try uuid(form.item, "Point d'ordre du jour")
                    switch form.move {
                    case "up":
                        try await MeetingService.moveAgendaItem(meeting, item: item, offset: -1, on: db, actor: actor)
                    case "down":
                        try await MeetingService.moveAgendaItem(meeting, item: item, offset: 1, on: db, actor: actor)
                    default: try await MeetingService.removeAgendaItem(meeting, item: item, on: db, actor: actor)
                    }
                case "invite": _ = try await MeetingService.inviteMembers(meeting, on: db, actor: actor)
                case "presence":
                    try await MeetingService.setPresence(
                        meeting, contact: try uuid(form.contact, "Contact"), presence: form.presence ?? "",
                        representedBy: form.representedBy ?? "", on: db, actor: actor)
                case "minutes":
                    try await MeetingService.saveMinutes(
                        meeting, text: form.minutes ?? "", version: form.version, on: db, actor: actor)
                case "approve": try await MeetingService.approveMinutes(meeting, on: db, actor: actor)
                case "reopen":
                    try await MeetingService.reopenMinutes(meeting, reason: form.reason ?? "", on: db, actor: actor)
                case "decision":
                    let subject = try await MeetingService.checkedSubject(
                        kind: form.subjectKind, code: form.subjectCode, on: db)
                    try await MeetingService.addDecision(
                        meeting,
                        .init(text: form.text ?? "", owner: form.owner ?? "", due: form.due ?? "", subject: subject),
                        on: db, actor: actor)
                case "decision-status":
                    try await MeetingService.setDecisionStatus(
                        try uuid(form.decision, "Décision"), status: form.status ?? "", on: db, actor: actor)
                case "attention":
                    try await MeetingService.raise(
                        meeting, kind: form.kind ?? "", text: form.text ?? "", on: db, actor: actor)
                case "attention-close":
                    try await MeetingService.closePoint(try uuid(form.point, "Point d'attention"), on: db, actor: actor)
                case "task":
                    try await MeetingService.turnIntoTask(try uuid(form.decision, "Décision"), on: db, actor: actor)
                default: throw ServiceError.invalid("Section inconnue « \((form.section ?? "").prefix(20)) ».")
                }
            }
        } catch let error as ServiceError {
            return try await page(meeting, error: error, req: req)
        }
        return .seeOther(SiteURL.meeting(meeting.uuidString.lowercased()).with([("ok", "1")]))
    }
}
