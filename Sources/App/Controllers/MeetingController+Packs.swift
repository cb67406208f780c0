import Foundation
import JalonCore
import Vapor

/// `/comites/reunions/{id}/dossiers`: generating a meeting's pack from a photo, and downloading its frozen
/// files.
extension MeetingController {
    /// The form gives each section a position (`position_couverture=1`…, empty to leave it out), the photo
    /// and the focus indicators.
    static func template(_ fields: [String: String]) -> PackTemplate {
        let placed = PackSection.allCases.compactMap { section -> (Int, PackSection)? in
            guard let position = Int((fields["position_\(section.rawValue)"] ?? "").trimmedSpaces) else { return nil }
            return (position, section)
        }
        return PackTemplate(
            sections: placed.sorted { ($0.0, $0.1.rawValue) < ($1.0, $1.1.rawValue) }.map(\.1),
            focus: PackTemplate.parse(sections: "", focus: fields["focus"] ?? "").focus)
    }

    @Sendable static func generatePack(req: Request) async throws -> Response {
        let meeting = try id(req)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        do {
            let photo = try (fields["photo"]?.nilIfEmpty).map { try uuid($0, "Photo à date") }
            let pack = try await PackService.generate(
                meeting: meeting, photo: photo, template: template(fields), on: req.db,
                renderer: PDFRenderer(config: req.application.config), actor: req.actor)
            return .seeOther(
                SiteURL.meeting(meeting.uuidString.lowercased()).with([("dossier", pack.uuidString.lowercased())])
                    + "#dossiers")
        } catch let error as ServiceError {
            return try await page(meeting, error: error, req: req)
        }
    }

    @Sendable static func downloadPack(_ file: PackQuery.File) -> @Sendable (Request) async throws -> Response {
        { req in
            let meeting = try id(req)
            guard let packID = UUID(uuidString: req.parameters.get("pack") ?? ""),
                let pack = try await PackQuery.find(packID, on: req.sql), pack.meetingID == meeting,
                let content = try await PackQuery.file(packID, file, on: req.sql)
            else { throw Abort(.notFound, reason: "Dossier de séance inconnu.") }
            return packFile(pack, file, content)
        }
    }
}

extension MeetingController {
    /// A pack's frozen file as downloaded, by the pages and the API alike: its type, its name, and the
    /// fingerprint stored when it was frozen, for whoever checks a copy.
    static func packFile(_ pack: PackQuery.Pack, _ file: PackQuery.File, _ content: Data) -> Response {
        let response = Response(status: .ok, body: .init(data: content))
        response.headers.contentType = HTTPMediaType(
            type: String(file.contentType.split(separator: "/")[0]),
            subType: String(file.contentType.split(separator: "/")[1].split(separator: ";")[0]),
            parameters: file == .html ? ["charset": "utf-8"] : [:])
        let name = "dossier-\(pack.id.uuidString.prefix(8).lowercased())"
        response.headers.replaceOrAdd(
            name: .contentDisposition,
            value: file == .html ? "inline" : "attachment; filename=\"\(name).\(file.rawValue)\"")
        if let sha = file == .pdf ? pack.pdfSha256 : file == .html ? pack.htmlSha256 : nil {
            response.headers.replaceOrAdd(name: "X-Content-SHA256", value: sha)
        }
        return response
    }
}

/// `/comites/reunions/{id}/reunion.ics`: the meeting for one's calendar, with its agenda.
extension MeetingController {
    /// The address people type: JALON_PUBLIC_URL, else the request's own host.
    static func origin(_ req: Request) -> String {
        if let origin = req.application.config.auth.publicOrigin { return origin.description }
        return req.headers.first(name: .host).map { "http://\($0)" } ?? ""
    }

    @Sendable static func ics(req: Request) async throws -> Response {
        let meetingID = try id(req)
        guard let meeting = try await MeetingQuery.find(meetingID, on: req.sql),
            let committee = try await CommitteeQuery.find(id: meeting.committeeID, on: req.sql)
        else { throw Abort(.notFound, reason: "Réunion inconnue.") }
        let text = MeetingCalendarExport.ics(
            name: committee.name, [(meeting, committee)], agenda: try await MeetingQuery.agenda(meetingID, on: req.sql),
            origin: origin(req))
        return CalendarFeedController.calendar(text, fileName: "reunion-\(meeting.day).ics")
    }
}
