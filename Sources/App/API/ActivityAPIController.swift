import Foundation
import JalonCore
import Vapor

/// The activity log, the directory and the reach figures through the API.
enum ActivityAPIController {
    struct ActivityDTO: Content {
        var id, date, type, title: String
        var participants: Int?
        var structures_reached: Int
        var territories, organisers, topics: [String]

        init(_ r: ActivityRow) {
            id = r.id.uuidString.lowercased()
            date = r.date.iso
            type = r.type.rawValue
            title = r.title
            participants = r.participants
            structures_reached = r.reached
            territories = r.territories
            organisers = r.organisers
            topics = r.topics
        }
    }

    struct PageDTO: Content {
        var total, participants, structures_reached: Int
        var page: Int
        var items: [ActivityDTO]
    }

    @Sendable static func index(req: Request) async throws -> PageDTO {
        var f = try await ActivityController.filter(req)
        f.perPage = 100
        let (rows, totals) = try await ActivityQuery.page(f, on: req.sql)
        return PageDTO(
            total: totals.activities, participants: totals.participants, structures_reached: totals.structures,
            page: f.page, items: rows.map(ActivityDTO.init))
    }

    struct CreatedDTO: Content {
        var id: String
        var structures_reached: Int
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ActivityService.Input.self)
        let (id, reached) = try await req.db.sqlTransaction { db -> (UUID, Int) in
            let r = try await ActivityService.resolve(input, on: db)
            guard case .created(let id) = try await ActivityService.save(r, on: db, actor: req.actor) else {
                throw ServiceError.conflict("Activité non créée.")
            }
            _ = try await ActivityService.createFollowUps(input.followups ?? [], after: r, on: db, actor: req.actor)
            return (id, r.structures.count)
        }
        let response = Response(status: .created)
        try response.content.encode(CreatedDTO(id: id.uuidString.lowercased(), structures_reached: reached), as: .json)
        return response
    }

    struct DetailDTO: Content {
        var activity: ActivityDTO
        var duration_minutes: Int?
        var place: String
        var remote: Bool
        var notes: String
        var couloirs: [String]
        var structures: [StructureRefDTO]
    }
    struct StructureRefDTO: Content {
        var key, name, couloir: String
        var finess: String?
        var attendees: String
    }

    @Sendable static func show(req: Request) async throws -> DetailDTO {
        guard let id = UUID(uuidString: req.parameters.get("activity") ?? ""),
            let d = try await ActivityQuery.find(id, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Activité inconnue.")
        }
        return DetailDTO(
            activity: .init(d.row), duration_minutes: d.durationMinutes, place: d.place, remote: d.remote,
            notes: d.notes, couloirs: d.couloirs,
            structures: d.structures.map {
                .init(
                    key: $0.structure.key, name: $0.structure.name, couloir: $0.structure.couloir,
                    finess: $0.structure.finessET, attendees: $0.attendees)
            })
    }

    struct ReachDTO: Content {
        var territory, couloir: String
        var since: String?
        var at: String
        var reached, open: Int
        var share: Double?
    }

    @Sendable static func reach(req: Request) async throws -> ReachDTO {
        guard let raw = ActivityController.q(req, "territory"),
            let code = try await ObservationLookups(req.sql).territory(raw)
        else {
            throw Abort(.badRequest, reason: "Paramètre territory manquant ou territoire inconnu.")
        }
        guard let couloir = Couloir(code: ActivityController.q(req, "couloir") ?? "ES") else {
            throw Abort(.badRequest, reason: "Couloir inconnu.")
        }
        let since = ActivityController.q(req, "since").flatMap(Day.init(iso:))
        let at = ActivityController.q(req, "at").flatMap(Day.init(iso:)) ?? Day.today()
        let r = try await ReachQuery.reach(couloir: couloir, territory: code, since: since, at: at, on: req.sql)
        return ReachDTO(
            territory: code, couloir: couloir.rawValue, since: since?.iso, at: at.iso, reached: r.reached, open: r.open,
            share: r.share)
    }

    struct OrganisationDTO: Content {
        var code, name, kind: String
        var territories: [String]
    }

    @Sendable static func organisations(req: Request) async throws -> [OrganisationDTO] {
        try await DirectoryQuery.organisations(on: req.sql).map {
            .init(code: $0.code, name: $0.name, kind: $0.kind, territories: $0.territories)
        }
    }

    @Sendable static func saveOrganisation(req: Request) async throws -> Response {
        let input = try req.content.decode(DirectoryService.OrganisationInput.self)
        let changed = try await req.db.sqlTransaction { db in
            try await DirectoryService.saveOrganisation(input, on: db, actor: req.actor).changed
        }
        let o = try await DirectoryQuery.organisations(on: req.sql).first {
            $0.code == input.code.trimmedSpaces.uppercased()
        }!
        let response = Response(status: changed ? .created : .ok)
        try response.content.encode(
            OrganisationDTO(code: o.code, name: o.name, kind: o.kind, territories: o.territories), as: .json)
        return response
    }

    struct ContactDTO: Content {
        var id, name, first_name, last_name, function, email, phone: String
        var organisation, structure: String?
        var roles, territories: [String]
        var mailing_consent: Bool
    }

    @Sendable static func contacts(req: Request) async throws -> [ContactDTO] {
        try await DirectoryQuery.contacts(on: req.sql).map {
            .init(
                id: $0.id.uuidString.lowercased(), name: $0.name, first_name: $0.firstName, last_name: $0.lastName,
                function: $0.function, email: $0.email, phone: $0.phone,
                organisation: $0.organisation, structure: $0.structure, roles: $0.roles, territories: $0.territories,
                mailing_consent: $0.mailingConsent)
        }
    }

    struct ContactCreatedDTO: Content {
        var id: String
        var possible_duplicates: Int
    }

    @Sendable static func createContact(req: Request) async throws -> Response {
        let input = try req.content.decode(DirectoryService.ContactInput.self)
        let id = try await req.db.sqlTransaction { db in
            try await DirectoryService.createContact(input, on: db, actor: req.actor)
        }
        let duplicates = try await DirectoryService.duplicates(on: req.sql).filter { $0.keep == id || $0.other == id }
            .count
        let response = Response(status: .created)
        try response.content.encode(
            ContactCreatedDTO(id: id.uuidString.lowercased(), possible_duplicates: duplicates), as: .json)
        return response
    }

    struct ReachTableDTO: Content {
        struct Row: Content {
            var territory, name: String
            var couloirs: [String: ReachCell]
        }
        struct ReachCell: Content {
            var reached, open: Int
            var share: Double?
        }
        var since: String?
        var at: String
        var rows: [Row]
    }

    /// The reach of every couloir in a région (or any territory), its départements and its custom territories.
    @Sendable static func reachTable(req: Request) async throws -> ReachTableDTO {
        let raw = ActivityController.q(req, "territory") ?? DemoRegion.region
        guard let code = try await ObservationLookups(req.sql).territory(raw),
            let t = try await TerritoryQuery.find(code, on: req.sql)
        else {
            throw Abort(.badRequest, reason: "Territoire inconnu « \(raw.prefix(40)) ».")
        }
        let since = ActivityController.q(req, "since").flatMap(Day.init(iso:))
        let at = ActivityController.q(req, "at").flatMap(Day.init(iso:)) ?? Day.today()
        let list = try await ReachQuery.territories(around: t, on: req.sql)
        let table = try await ReachQuery.table(territories: list.map(\.code), since: since, at: at, on: req.sql)
        return ReachTableDTO(
            since: since?.iso, at: at.iso,
            rows: list.map { x in
                .init(
                    territory: x.code, name: x.name,
                    couloirs: Dictionary(
                        uniqueKeysWithValues: (table[x.code] ?? [:]).map {
                            (
                                $0.key.rawValue,
                                .init(reached: $0.value.reached, open: $0.value.open, share: $0.value.share)
                            )
                        }))
            })
    }
}
