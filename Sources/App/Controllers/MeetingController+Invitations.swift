import Foundation
import JalonCore
import Vapor

/// `POST /comites/reunions/{id}` with `section=send`: the invitation, update or cancellation by e-mail.
extension MeetingController {
    static func sendInvitations(_ meeting: UUID, req: Request) async throws -> Response {
        guard let settings = req.application.config.smtp else {
            return try await page(
                meeting,
                error: .unavailable(
                    "L'envoi de courriels n'est pas configuré (JALON_SMTP_URL) : téléchargez l'invitation (.ics) et "
                        + "joignez-la à votre message."), req: req)
        }
        let report: InvitationService.Report
        do {
            report = try await InvitationService.send(
                meeting, on: req.db, mailer: SMTPMailer(settings: settings), origin: origin(req), actor: req.actor)
        } catch let error as ServiceError {
            return try await page(meeting, error: error, req: req)
        }
        // Some messages refused: say whose, on the page, rather than redirect as if all had gone.
        guard report.failed.isEmpty else {
            return try await page(meeting, error: .unavailable(report.summary), req: req)
        }
        return .seeOther(
            SiteURL.meeting(meeting.uuidString.lowercased()).with([("envoi", report.kind.rawValue)]) + "#courriels")
    }
}
