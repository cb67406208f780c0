import Foundation
import JalonCore
import SQLKit
import Vapor

/// `/api/committees`: the register, a committee with its members, meetings and open decisions, and the
/// planning of its meetings — thin over `CommitteeService`, whose checks and rights answer the same French
/// refusals as the pages.
enum CommitteeAPIController {
    struct CommitteeDTO: Content, Equatable {
        var code, name, kind, kindLabel, frequency: String
        var territory: String?
        var organisations: [String]
        var version: Int

        enum CodingKeys: String, CodingKey {
            case code, name, kind
            case kindLabel = "kind_label"
            case frequency, territory, organisations, version
        }

        init(_ committee: CommitteeQuery.Committee) {
            code = committee.code
            name = committee.name
            kind = committee.kind
            kindLabel = committee.kindLabel
            frequency = committee.frequency
            territory = committee.territoryCode
            organisations = committee.organisations.split(separator: ",").map { String($0).trimmedSpaces }
            version = committee.version
        }
    }

    struct MemberDTO: Content, Equatable {
        var contact, name, function, role: String
        var organisation: String?
    }

    struct MeetingDTO: Content, Equatable {
        var id, committee, day, startTime: String
        var durationMinutes: Int
        var place, videoURL, status, minutesStatus: String
        var version: Int

        enum CodingKeys: String, CodingKey {
            case id, committee, day
            case startTime = "start_time"
            case durationMinutes = "duration_minutes"
            case place
            case videoURL = "video_url"
            case status
            case minutesStatus = "minutes_status"
            case version
        }

        init(_ meeting: MeetingQuery.Meeting, committee: String) {
            id = meeting.id.uuidString.lowercased()
            self.committee = committee
            day = meeting.day
            startTime = meeting.startTime
            durationMinutes = meeting.durationMinutes
            place = meeting.place
            videoURL = meeting.videoUrl
            status = meeting.status
            minutesStatus = meeting.minutesStatus
            version = meeting.version
        }
    }

    struct SubjectDTO: Content, Equatable {
        var kind, code: String

        /// The subject of an agenda item or a decision, when it has one.
        static func of(kind: String, code: String) -> SubjectDTO? {
            kind.isEmpty || code.isEmpty ? nil : SubjectDTO(kind: kind, code: code)
        }
    }

    struct DecisionDTO: Content, Equatable {
        var id, meeting, meetingDay, text, owner, status: String
        var dueOn: String?
        var subject: SubjectDTO?
        var task: String?

        enum CodingKeys: String, CodingKey {
            case id, meeting
            case meetingDay = "meeting_day"
            case text, owner, status
            case dueOn = "due_on"
            case subject, task
        }

        init(_ decision: MeetingQuery.Decision) {
            id = decision.id.uuidString.lowercased()
            meeting = decision.meetingID.uuidString.lowercased()
            meetingDay = decision.day
            text = decision.text
            owner = decision.owner
            status = decision.status
            dueOn = decision.dueOn
            subject = .of(kind: decision.linkKind, code: decision.linkCode)
            task = decision.taskID?.uuidString.lowercased()
        }
    }

    struct TemplateItemDTO: Content, Equatable {
        var durationMinutes: Int
        var title, speakers: String

        enum CodingKeys: String, CodingKey {
            case durationMinutes = "duration_minutes"
            case title, speakers
        }
    }

    struct DetailDTO: Content, Equatable {
        var committee: CommitteeDTO
        var objectives: String
        var agendaTemplate: [TemplateItemDTO]
        var members: [MemberDTO]
        /// The fiches it follows: its pack shows their indicators only.
        var follows: [String]
        var meetings: [MeetingDTO]
        var openDecisions: [DecisionDTO]

        enum CodingKeys: String, CodingKey {
            case committee, objectives
            case agendaTemplate = "agenda_template"
            case members, follows, meetings
            case openDecisions = "open_decisions"
        }
    }

    @Sendable static func index(req: Request) async throws -> [CommitteeDTO] {
        try await CommitteeQuery.all(on: req.sql).map(CommitteeDTO.init)
    }

    @Sendable static func show(req: Request) async throws -> DetailDTO {
        let code = req.parameters.get("code") ?? ""
        let committee = try await CommitteeService.existing(code, on: req.sql)
        return try await detail(committee, on: req.sql)
    }

    static func detail(_ committee: CommitteeQuery.Committee, on db: any SQLDatabase) async throws -> DetailDTO {
        DetailDTO(
            committee: .init(committee), objectives: committee.objectives,
            agendaTemplate: AgendaTemplate.items(committee.agendaTemplate).map {
                .init(durationMinutes: $0.minutes, title: $0.title, speakers: $0.speakers)
            },
            members: try await CommitteeQuery.members(of: committee.id, on: db).map {
                .init(
                    contact: $0.contactID.uuidString.lowercased(), name: $0.name, function: $0.function, role: $0.role,
                    organisation: $0.organisation)
            },
            follows: try await CommitteeQuery.followedFiches(of: committee.id, on: db),
            meetings: try await MeetingQuery.meetings(committee: committee.id, on: db).map {
                .init($0, committee: committee.code)
            },
            openDecisions: try await MeetingQuery.openDecisions(committee: committee.id, before: "9999-12-31", on: db)
                .map(DecisionDTO.init))
    }

    struct MemberInput: Decodable {
        /// The contact's identifier or e-mail address.
        var contact: String
        var role: String?
    }

    struct CommitteeInput: Decodable {
        var code: String?
        var name: String
        var kind: String
        var frequency: String
        var territory: String?
        var organisations: [String]?
        var objectives: String?
        var agendaTemplate: [TemplateItemDTO]?
        var members: [MemberInput]?
        /// Codes of the fiches it follows.
        var follows: [String]?

        enum CodingKeys: String, CodingKey {
            case code, name, kind, frequency, territory, organisations, objectives
            case agendaTemplate = "agenda_template"
            case members, follows
        }

        var input: CommitteeService.Input {
            .init(
                name: name, kind: kind, organisations: (organisations ?? []).joined(separator: ","),
                territory: territory ?? "", frequency: frequency, objectives: objectives ?? "",
                agendaTemplate: AgendaTemplate.text(
                    (agendaTemplate ?? []).map {
                        .init(minutes: $0.durationMinutes, title: $0.title, speakers: $0.speakers)
                    }
                ), code: code ?? "")
        }
    }

    /// Creates a committee with its members and the fiches it follows, in one transaction: a member or a fiche
    /// that cannot be found creates nothing.
    @Sendable static func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CommitteeInput.self)
        let created = try await req.db.sqlTransaction { db -> DetailDTO in
            let code = try await CommitteeService.create(body.input, on: db, actor: req.actor)
            for member in body.members ?? [] {
                let contact = try await DirectoryQuery.contactID(member.contact, on: db)
                try await CommitteeService.setMember(
                    code, contact: contact, role: member.role ?? "", on: db, actor: req.actor)
            }
            for fiche in body.follows ?? [] {
                try await CommitteeService.follow(code, fiche: fiche, on: db, actor: req.actor)
            }
            return try await detail(try await CommitteeService.existing(code, on: db), on: db)
        }
        return try .json(created, status: .created)
    }

    struct MeetingInput: Decodable {
        var day: String
        var startTime: String?
        var durationMinutes: Int?
        var place: String?
        var videoURL: String?

        enum CodingKeys: String, CodingKey {
            case day
            case startTime = "start_time"
            case durationMinutes = "duration_minutes"
            case place
            case videoURL = "video_url"
        }
    }

    /// Plans one meeting; it starts with the committee's agenda template.
    @Sendable static func planMeeting(req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let body = try req.content.decode(MeetingInput.self)
        let meeting = try await req.db.sqlTransaction { db -> MeetingQuery.Meeting in
            let id = try await CommitteeService.planMeeting(
                code,
                .init(
                    day: body.day, startTime: body.startTime ?? "",
                    durationMinutes: body.durationMinutes.map(String.init) ?? "", place: body.place ?? "",
                    videoURL: body.videoURL ?? "", status: ""), on: db, actor: req.actor)
            guard let meeting = try await MeetingQuery.find(id, on: db) else {
                throw ServiceError.notFound("Réunion inconnue.")
            }
            return meeting
        }
        return try .json(MeetingDTO(meeting, committee: code), status: .created)
    }

    struct ProgrammeInput: Decodable {
        var year: Int
    }

    struct ProgrammeDTO: Content, Equatable {
        var year, planned: Int
        var meetings: [MeetingDTO]
    }

    /// Proposes the year's meetings from the committee's frequency; running it again plans nothing more.
    @Sendable static func planProgramme(req: Request) async throws -> ProgrammeDTO {
        let code = req.parameters.get("code") ?? ""
        let body = try req.content.decode(ProgrammeInput.self)
        return try await req.db.sqlTransaction { db in
            let planned = try await CommitteeService.planYear(code, year: body.year, on: db, actor: req.actor)
            let committee = try await CommitteeService.existing(code, on: db)
            return ProgrammeDTO(
                year: body.year, planned: planned,
                meetings: try await MeetingQuery.meetings(committee: committee.id, year: body.year, on: db).map {
                    .init($0, committee: code)
                })
        }
    }
}
