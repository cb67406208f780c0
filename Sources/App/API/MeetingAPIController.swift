import Foundation
import JalonCore
import SQLKit
import Vapor

/// `/api/meetings/{id}` and `/api/decisions/{id}`: a meeting's details, agenda, attendance, minutes,
/// decisions and pack — thin over `MeetingService` and `PackService`, each write in one transaction.
/// Minutes not yet approved are returned to those who may write the committee only.
enum MeetingAPIController {
    typealias MeetingDTO = CommitteeAPIController.MeetingDTO
    typealias DecisionDTO = CommitteeAPIController.DecisionDTO
    typealias SubjectDTO = CommitteeAPIController.SubjectDTO

    struct AgendaItemDTO: Content, Equatable {
        var id: String
        var durationMinutes: Int
        var title, speakers: String
        var subject: SubjectDTO?

        enum CodingKeys: String, CodingKey {
            case id
            case durationMinutes = "duration_minutes"
            case title, speakers, subject
        }

        init(_ item: MeetingQuery.AgendaItem) {
            id = item.id.uuidString.lowercased()
            durationMinutes = item.durationMinutes
            title = item.title
            speakers = item.speakers
            subject = .of(kind: item.linkKind, code: item.linkCode)
        }
    }

    struct AttendeeDTO: Content, Equatable {
        var contact, name, function, presence, representedBy: String
        var organisation: String?

        enum CodingKeys: String, CodingKey {
            case contact, name, function, presence
            case representedBy = "represented_by"
            case organisation
        }

        init(_ attendee: MeetingQuery.Attendee) {
            contact = attendee.contactID.uuidString.lowercased()
            name = attendee.name
            function = attendee.function
            presence = attendee.presence
            representedBy = attendee.representedBy
            organisation = attendee.organisation
        }
    }

    struct MinutesDTO: Content, Equatable {
        var status: String
        /// Nil while the minutes are a draft and the reader may not write the committee.
        var text: String?
        var version: Int
    }

    struct PackDTO: Content, Equatable {
        var id, createdAt, createdBy, photo, photoSha256, htmlSha256, pdfSha256: String
        var pages: Int
        var sections, focus: [String]
        var pdf, html, xlsx: String

        enum CodingKeys: String, CodingKey {
            case id
            case createdAt = "created_at"
            case createdBy = "created_by"
            case photo
            case photoSha256 = "photo_sha256"
            case htmlSha256 = "html_sha256"
            case pdfSha256 = "pdf_sha256"
            case pages, sections, focus, pdf, html, xlsx
        }

        init(_ pack: PackQuery.Pack) {
            let meeting = pack.meetingID.uuidString.lowercased()
            id = pack.id.uuidString.lowercased()
            createdAt = ISO8601DateFormatter().string(from: pack.createdAt)
            createdBy = pack.createdBy
            photo = pack.snapshotID.uuidString.lowercased()
            photoSha256 = pack.snapshotSha256
            htmlSha256 = pack.htmlSha256
            pdfSha256 = pack.pdfSha256
            pages = pack.pages
            let template = PackTemplate.parse(sections: pack.sections, focus: pack.focus)
            sections = template.sections.map(\.rawValue)
            focus = template.focus
            pdf = SiteURL.meetingPack(meeting, id, .pdf).path
            html = SiteURL.meetingPack(meeting, id, .html).path
            xlsx = SiteURL.meetingPack(meeting, id, .xlsx).path
        }
    }

    struct DetailDTO: Content, Equatable {
        var meeting: MeetingDTO
        var committeeName: String
        var agenda: [AgendaItemDTO]
        var attendance: [AttendeeDTO]
        var minutes: MinutesDTO
        var decisions: [DecisionDTO]
        var openDecisionsBefore: [DecisionDTO]
        var packs: [PackDTO]

        enum CodingKeys: String, CodingKey {
            case meeting
            case committeeName = "committee_name"
            case agenda, attendance, minutes, decisions
            case openDecisionsBefore = "open_decisions_before"
            case packs
        }
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = UUID(uuidString: req.parameters.get("id") ?? "") else {
            throw ServiceError.notFound("Réunion inconnue.")
        }
        return id
    }

    static func found(_ id: UUID, on db: any SQLDatabase) async throws -> (
        MeetingQuery.Meeting, CommitteeQuery.Committee
    ) {
        guard let meeting = try await MeetingQuery.find(id, on: db),
            let committee = try await CommitteeQuery.find(id: meeting.committeeID, on: db)
        else { throw ServiceError.notFound("Réunion inconnue.") }
        return (meeting, committee)
    }

    static func minutes(_ meeting: MeetingQuery.Meeting, readable: Bool) -> MinutesDTO {
        MinutesDTO(
            status: meeting.minutesStatus,
            text: readable || meeting.minutesStatus == MinutesStatus.approved.rawValue ? meeting.minutes : nil,
            version: meeting.version)
    }

    @Sendable static func show(req: Request) async throws -> DetailDTO {
        let (meeting, committee) = try await found(try id(req), on: req.sql)
        let readable = try await MeetingService.mayReadDraftMinutes(committee, actor: req.actor, on: req.sql)
        return DetailDTO(
            meeting: .init(meeting, committee: committee.code), committeeName: committee.name,
            agenda: try await MeetingQuery.agenda(meeting.id, on: req.sql).map(AgendaItemDTO.init),
            attendance: try await MeetingQuery.attendance(meeting.id, on: req.sql).map(AttendeeDTO.init),
            minutes: minutes(meeting, readable: readable),
            decisions: try await MeetingQuery.decisions(of: meeting.id, on: req.sql).map(DecisionDTO.init),
            openDecisionsBefore: try await MeetingQuery.openDecisions(
                committee: committee.id, before: meeting.day, on: req.sql
            ).map(DecisionDTO.init),
            packs: try await PackQuery.packs(of: meeting.id, on: req.sql).map(PackDTO.init))
    }

    struct MeetingPatch: Decodable {
        var day, startTime, place, videoURL, status: String?
        var durationMinutes: Int?
        var version: Int?

        enum CodingKeys: String, CodingKey {
            case day
            case startTime = "start_time"
            case durationMinutes = "duration_minutes"
            case place
            case videoURL = "video_url"
            case status, version
        }
    }

    /// A field left out keeps its value; `version` makes a stale edit a 409.
    @Sendable static func update(req: Request) async throws -> MeetingDTO {
        let meetingID = try id(req)
        let patch = try req.content.decode(MeetingPatch.self)
        return try await req.db.sqlTransaction { db in
            let (before, committee) = try await found(meetingID, on: db)
            try await MeetingService.update(
                meetingID,
                .init(
                    day: patch.day ?? before.day, startTime: patch.startTime ?? before.startTime,
                    durationMinutes: "\(patch.durationMinutes ?? before.durationMinutes)",
                    place: patch.place ?? before.place, videoURL: patch.videoURL ?? before.videoUrl,
                    status: patch.status ?? before.status), version: patch.version, on: db, actor: req.actor)
            return MeetingDTO(try await found(meetingID, on: db).0, committee: committee.code)
        }
    }

    struct AgendaInput: Decodable {
        var title: String
        var durationMinutes: Int
        var speakers: String?
        var subjectKind, subjectCode: String?

        enum CodingKeys: String, CodingKey {
            case title
            case durationMinutes = "duration_minutes"
            case speakers
            case subjectKind = "subject_kind"
            case subjectCode = "subject_code"
        }
    }

    /// Adds an item at the end of the agenda and answers the whole agenda.
    @Sendable static func addAgendaItem(req: Request) async throws -> Response {
        let meetingID = try id(req)
        let body = try req.content.decode(AgendaInput.self)
        let agenda = try await req.db.sqlTransaction { db -> [AgendaItemDTO] in
            let subject = try await MeetingService.checkedSubject(
                kind: body.subjectKind, code: body.subjectCode, on: db)
            try await MeetingService.addAgendaItem(
                meetingID, item: .init(minutes: body.durationMinutes, title: body.title, speakers: body.speakers ?? ""),
                subject: subject, on: db, actor: req.actor)
            return try await MeetingQuery.agenda(meetingID, on: db).map(AgendaItemDTO.init)
        }
        return try .json(agenda, status: .created)
    }

    struct PresenceInput: Decodable {
        /// The contact's identifier or e-mail address.
        var contact: String
        var presence: String
        var representedBy: String?

        enum CodingKeys: String, CodingKey {
            case contact, presence
            case representedBy = "represented_by"
        }
    }

    struct AttendanceInput: Decodable {
        /// Invites the committee's members not invited yet, before the presences are recorded.
        var inviteMembers: Bool?
        var presences: [PresenceInput]?

        enum CodingKeys: String, CodingKey {
            case inviteMembers = "invite_members"
            case presences
        }
    }

    struct AttendanceDTO: Content, Equatable {
        var invited, attending: Int
        var attendance: [AttendeeDTO]
    }

    /// Records several presences at once: one refused line records none.
    @Sendable static func attendance(req: Request) async throws -> AttendanceDTO {
        let meetingID = try id(req)
        let body = try req.content.decode(AttendanceInput.self)
        try ServiceError.checkCount(body.presences?.count ?? 0, limit: 500, label: "Présences", field: "presences")
        return try await req.db.sqlTransaction { db in
            if body.inviteMembers == true {
                try await MeetingService.inviteMembers(meetingID, on: db, actor: req.actor)
            }
            for line in body.presences ?? [] {
                try await MeetingService.setPresence(
                    meetingID, contact: try await DirectoryQuery.contactID(line.contact, on: db),
                    presence: line.presence, representedBy: line.representedBy ?? "", on: db, actor: req.actor)
            }
            let attendees = try await MeetingQuery.attendance(meetingID, on: db)
            let participation = try await MeetingQuery.participation(meetingID, attendees: attendees, on: db)
            return AttendanceDTO(
                invited: participation.invited, attending: participation.attending,
                attendance: attendees.map(AttendeeDTO.init))
        }
    }

    struct MinutesInput: Decodable {
        var text: String?
        var version: Int?
        var approve: Bool?
        /// The reason for reopening approved minutes.
        var reopen: String?
    }

    /// Saves the draft when `text` is given, then approves it when `approve` is true; `reopen` reopens
    /// approved minutes with its reason.
    @Sendable static func minutes(req: Request) async throws -> MinutesDTO {
        let meetingID = try id(req)
        let body = try req.content.decode(MinutesInput.self)
        return try await req.db.sqlTransaction { db in
            if let reason = body.reopen {
                try await MeetingService.reopenMinutes(meetingID, reason: reason, on: db, actor: req.actor)
            }
            if let text = body.text {
                try await MeetingService.saveMinutes(
                    meetingID, text: text, version: body.version, on: db, actor: req.actor)
            }
            if body.approve == true { try await MeetingService.approveMinutes(meetingID, on: db, actor: req.actor) }
            return minutes(try await found(meetingID, on: db).0, readable: true)
        }
    }

    struct DecisionInput: Decodable {
        var text: String
        var owner, due: String?
        var subjectKind, subjectCode: String?
        /// Also creates the task of the board that follows it.
        var task: Bool?

        enum CodingKeys: String, CodingKey {
            case text, owner, due
            case subjectKind = "subject_kind"
            case subjectCode = "subject_code"
            case task
        }
    }

    static func decisionDTO(_ id: UUID, on db: any SQLDatabase) async throws -> DecisionDTO {
        let stored = try await MeetingService.decision(id, on: db)
        guard
            let decision = try await MeetingQuery.decisions(of: stored.meetingID, on: db).first(where: { $0.id == id })
        else { throw ServiceError.notFound("Décision inconnue.") }
        return DecisionDTO(decision)
    }

    @Sendable static func addDecision(req: Request) async throws -> Response {
        let meetingID = try id(req)
        let body = try req.content.decode(DecisionInput.self)
        let decision = try await req.db.sqlTransaction { db -> DecisionDTO in
            let subject = try await MeetingService.checkedSubject(
                kind: body.subjectKind, code: body.subjectCode, on: db)
            let decision = try await MeetingService.addDecision(
                meetingID, .init(text: body.text, owner: body.owner ?? "", due: body.due ?? "", subject: subject),
                on: db, actor: req.actor)
            if body.task == true { _ = try await MeetingService.turnIntoTask(decision, on: db, actor: req.actor) }
            return try await decisionDTO(decision, on: db)
        }
        return try .json(decision, status: .created)
    }

    struct DecisionPatch: Decodable {
        var status: String?
        var task: Bool?
    }

    @Sendable static func updateDecision(req: Request) async throws -> DecisionDTO {
        guard let decision = UUID(uuidString: req.parameters.get("id") ?? "") else {
            throw ServiceError.notFound("Décision inconnue.")
        }
        let patch = try req.content.decode(DecisionPatch.self)
        return try await req.db.sqlTransaction { db in
            if let status = patch.status {
                try await MeetingService.setDecisionStatus(decision, status: status, on: db, actor: req.actor)
            }
            if patch.task == true, try await MeetingService.decision(decision, on: db).taskID == nil {
                _ = try await MeetingService.turnIntoTask(decision, on: db, actor: req.actor)
            }
            return try await decisionDTO(decision, on: db)
        }
    }

    struct PackInput: Decodable {
        /// A validated photo's identifier; the latest for the committee's territory when left out.
        var photo: String?
        /// Section codes in their order; the committee's pack template when left out.
        var sections: [String]?
        /// Indicator codes given a focus page.
        var focus: [String]?
    }

    /// Generates the pack (201), or answers the one already generated with the same content (200).
    @Sendable static func generatePack(req: Request) async throws -> Response {
        let meetingID = try id(req)
        let body = try req.content.decode(PackInput.self)
        let photo = try body.photo.map { written in
            guard let photo = UUID(uuidString: written) else {
                throw ServiceError.invalid("Photo à date inconnue « \(written.prefix(40)) ».", field: "photo")
            }
            return photo
        }
        var template: PackTemplate?
        if body.sections != nil || body.focus != nil {
            let (_, committee) = try await found(meetingID, on: req.sql)
            template = try PackService.template(
                sections: body.sections?.joined(separator: ","), focus: body.focus?.joined(separator: ","),
                of: committee)
        }
        let before = Set(try await PackQuery.packs(of: meetingID, on: req.sql).map(\.id))
        let pack = try await PackService.generate(
            meeting: meetingID, photo: photo, template: template, on: req.db,
            renderer: PDFRenderer(config: req.application.config), actor: req.actor)
        guard let stored = try await PackQuery.find(pack, on: req.sql) else {
            throw ServiceError.notFound("Dossier de séance inconnu.")
        }
        return try .json(PackDTO(stored), status: before.contains(pack) ? .ok : .created)
    }

    /// The latest pack's PDF, or the one named by `?pack=`, exactly as it was frozen.
    @Sendable static func packPDF(req: Request) async throws -> Response {
        let meetingID = try id(req)
        _ = try await found(meetingID, on: req.sql)
        let packs = try await PackQuery.packs(of: meetingID, on: req.sql)
        let chosen: PackQuery.Pack?
        if let asked = req.trimmedQueryText("pack") {
            chosen = packs.first { $0.id.uuidString.lowercased() == asked.lowercased() }
        } else {
            chosen = packs.first
        }
        guard let pack = chosen, let pdf = try await PackQuery.file(pack.id, .pdf, on: req.sql) else {
            let generate = SiteURL.api(.meetingPack(meetingID.uuidString.lowercased())).path
            throw ServiceError.notFound("Aucun dossier de séance pour cette réunion : générez-le (POST \(generate)).")
        }
        return MeetingController.packFile(pack, .pdf, pdf)
    }
}
