import Foundation
import JalonCore
import Vapor

/// `/calendrier/{token}/reunions.ics`: a subscribed calendar's feed, opened by its token alone.
enum CalendarFeedController {
    @Sendable static func feed(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard token.hasPrefix("cal_"),
            let feed = try await CalendarFeedQuery.find(
                token: token, keys: req.application.config.auth.keys, on: req.sql)
        else { throw Abort(.notFound, reason: "Abonnement inconnu ou révoqué.") }
        let meetings = try await CalendarFeedQuery.meetings(of: feed, on: req.sql)
        return calendar(
            MeetingCalendarExport.ics(name: "Jalon — \(feed.label)", meetings, origin: MeetingController.origin(req)),
            fileName: "reunions.ics")
    }

    static func calendar(_ text: String, fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(fileName)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return response
    }
}
