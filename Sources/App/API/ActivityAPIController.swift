import Foundation
import JalonCore
import Vapor

/// The activity log, the directory and the reach figures through the API.
enum ActivityAPIController {
    struct ActivityDTO: Content {
        var id, date, type, title: String
        var participants: Int?
        var structuresReached: Int
        var territories, organisers, topics: [String]

        enum CodingKeys: String, CodingKey {
            case id, date, type, title, participants
            case structuresReached = "structures_reached"
            case territories, organisers, topics
        }

        init(_ row: ActivityRow) {
            id = row.id.uuidString.lowercased()
            date = row.date.iso
            type = row.type.rawValue
            title = row.title
            participants = row.participants
            structuresReached = row.reached
            territories = row.territories
            organisers = row.organisers
            topics = row.topics
        }
    }

    struct PageDTO: Content {
        var total, participants, structuresReached: Int
        var page: Int
        var items: [ActivityDTO]

        enum CodingKeys: String, CodingKey {
            case total, participants
            case structuresReached = "structures_reached"
            case page, items
        }
    }

    @Sendable static func index(req: Request) async throws -> PageDTO {
        var filter = try await ActivityController.filter(req)
        filter.perPage = 100
        let (rows, totals) = try await ActivityQuery.page(filter, on: req.sql)
        return PageDTO(
            total: totals.activities, participants: totals.participants, structuresReached: totals.structures,
            page: filter.page, items: rows.map(ActivityDTO.init))
    }

    struct CreatedDTO: Content {
        var id: String
        var structuresReached: Int

        enum CodingKeys: String, CodingKey {
            case id
            case structuresReached = "structures_reached"
        }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ActivityService.Input.self)
        let (id, reached) = try await req.db.sqlTransaction { db -> (UUID, Int) in
            let activity = try await ActivityService.resolve(input, on: db)
            guard case .created(let id) = try await ActivityService.save(activity, on: db, actor: req.actor) else {
                throw ServiceError.conflict("Activité non créée.")
            }
            _ = try await ActivityService.createFollowUps(
                input.followups ?? [], after: activity, on: db, actor: req.actor)
            return (id, activity.structures.count)
        }
        return try .json(CreatedDTO(id: id.uuidString.lowercased(), structuresReached: reached), status: .created)
    }

    struct DetailDTO: Content {
        var activity: ActivityDTO
        var durationMinutes: Int?
        var place: String
        var remote: Bool
        var notes: String
        var couloirs: [String]
        var structures: [StructureRefDTO]

        enum CodingKeys: String, CodingKey {
            case activity
            case durationMinutes = "duration_minutes"
            case place, remote, notes, couloirs, structures
        }
    }
    struct StructureRefDTO: Content {
        var key, name, couloir: String
        var finess: String?
        var attendees: String
    }

    @Sendable static func show(req: Request) async throws -> DetailDTO {
        guard let id = UUID(uuidString: req.parameters.get("activity") ?? ""),
            let detail = try await ActivityQuery.find(id, on: req.sql)
        else {
            throw Abort(.notFound, reason: "Activité inconnue.")
        }
        return DetailDTO(
            activity: .init(detail.row), durationMinutes: detail.durationMinutes, place: detail.place,
            remote: detail.remote, notes: detail.notes, couloirs: detail.couloirs,
            structures: detail.structures.map {
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
        guard let raw = req.trimmedQueryText("territory"),
            let code = try await ObservationLookups(req.sql).territory(raw)
        else {
            throw Abort(.badRequest, reason: "Paramètre territory manquant ou territoire inconnu.")
        }
        guard let couloir = Couloir(code: req.trimmedQueryText("couloir") ?? "ES") else {
            throw Abort(.badRequest, reason: "Couloir inconnu.")
        }
        let since = req.trimmedQueryText("since").flatMap(Day.init(iso:))
        let at = req.trimmedQueryText("at").flatMap(Day.init(iso:)) ?? Day.today()
        let reach = try await ReachQuery.reach(couloir: couloir, territory: code, since: since, at: at, on: req.sql)
        return ReachDTO(
            territory: code, couloir: couloir.rawValue, since: since?.iso, at: at.iso, reached: reach.reached,
            open: reach.open, share: reach.share)
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
        let organisation = try await DirectoryQuery.organisations(on: req.sql).first {
            $0.code == input.code.trimmedSpaces.uppercased()
        }!
        return try .json(
            OrganisationDTO(
                code: organisation.code, name: organisation.name, kind: organisation.kind,
                territories: organisation.territories),
            status: changed ? .created : .ok)
    }

    struct ContactDTO: Content {
        var id, name, firstName, lastName, function, email, phone: String
        var organisation, structure: String?
        var roles, territories: [String]
        var mailingConsent: Bool

        enum CodingKeys: String, CodingKey {
            case id, name
            case firstName = "first_name"
            case lastName = "last_name"
            case function, email, phone, organisation, structure, roles, territories
            case mailingConsent = "mailing_consent"
        }
    }

    @Sendable static func contacts(req: Request) async throws -> [ContactDTO] {
        try await DirectoryQuery.contacts(on: req.sql).map {
            .init(
                id: $0.id.uuidString.lowercased(), name: $0.name, firstName: $0.firstName, lastName: $0.lastName,
                function: $0.function, email: $0.email, phone: $0.phone,
                organisation: $0.organisation, structure: $0.structure, roles: $0.roles, territories: $0.territories,
                mailingConsent: $0.mailingConsent)
        }
    }

    struct ContactCreatedDTO: Content {
        var id: String
        var possibleDuplicates: Int

        enum CodingKeys: String, CodingKey {
            case id
            case possibleDuplicates = "possible_duplicates"
        }
    }

    @Sendable static func createContact(req: Request) async throws -> Response {
        let input = try req.content.decode(DirectoryService.ContactInput.self)
        let id = try await req.db.sqlTransaction { db in
            try await DirectoryService.createContact(input, on: db, actor: req.actor)
        }
        let duplicates = try await DirectoryService.duplicates(on: req.sql).filter { $0.keep == id || $0.other == id }
            .count
        return try .json(
            ContactCreatedDTO(id: id.uuidString.lowercased(), possibleDuplicates: duplicates), status: .created)
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

    /// The reach of every couloir in a région (or any territory), its départements and its custom
    /// territories.
    @Sendable static func reachTable(req: Request) async throws -> ReachTableDTO {
        let raw = req.trimmedQueryText("territory") ?? DemoRegion.region
        guard let code = try await ObservationLookups(req.sql).territory(raw),
            let territory = try await TerritoryQuery.find(code, on: req.sql)
        else {
            throw Abort(.badRequest, reason: "Territoire inconnu « \(raw.prefix(40)) ».")
        }
        let since = req.trimmedQueryText("since").flatMap(Day.init(iso:))
        let at = req.trimmedQueryText("at").flatMap(Day.init(iso:)) ?? Day.today()
        let list = try await ReachQuery.territories(around: territory, on: req.sql)
        let table = try await ReachQuery.table(territories: list.map(\.code), since: since, at: at, on: req.sql)
        return ReachTableDTO(
            since: since?.iso, at: at.iso,
            rows: list.map { around in
                .init(
                    territory: around.code, name: around.name,
                    couloirs: Dictionary(
                        uniqueKeysWithValues: (table[around.code] ?? [:]).map {
                            (
                                $0.key.rawValue,
                                .init(reached: $0.value.reached, open: $0.value.open, share: $0.value.share)
                            )
                        }))
            })
    }
}
