import Foundation
import JalonCore
import SQLKit

/// The upserts of the import, one per kind of part; each counts in `summary` what it created or changed.
extension RoadmapDocumentService {
    struct IDRow: Decodable { var id: UUID }

    static func writeObjectives(
        _ objectives: [RoadmapDocument.Objective], roadmap: UUID, on db: any SQLDatabase, summary: inout Summary
    ) async throws -> [Int: UUID] {
        struct ObjectiveRow: Decodable {
            var id: UUID
            var number: Int
            var title: String
            var priority: Int?
        }
        let stored = Dictionary(
            try await db.select().columns("id", "number", "title", "priority").from("objectives")
                .where("roadmap_id", .equal, roadmap).all(decoding: ObjectiveRow.self).map { ($0.number, $0) },
            uniquingKeysWith: { first, _ in first })
        var ids: [Int: UUID] = [:]
        for objective in objectives {
            if let row = stored[objective.number] {
                ids[objective.number] = row.id
                guard row.title != objective.title || row.priority != objective.priority else { continue }
                try await db.update("objectives").set("title", to: objective.title)
                    .set("priority", to: objective.priority).where("id", .equal, row.id).run()
            } else {
                let id = UUID()
                try await db.insert(into: "objectives").columns("id", "roadmap_id", "number", "title", "priority")
                    .values(
                        SQLBind(id), SQLBind(roadmap), SQLBind(objective.number), SQLBind(objective.title),
                        SQLBind(objective.priority)
                    ).run()
                ids[objective.number] = id
            }
            summary.structureWritten += 1
        }
        return ids
    }

    static func writeFiche(
        _ fiche: RoadmapDocument.Fiche, sort: Int, objective: UUID?, roadmap: UUID, on db: any SQLDatabase,
        summary: inout Summary
    ) async throws -> UUID {
        struct FicheRow: Decodable, Equatable {
            var id: UUID
            var objectiveID: UUID?
            var title: String
            var serviceCode: String?
            var objectivesText, levers, obstacles, contacts: String
            var sort: Int
            var version: Int
        }
        let wanted = FicheRow(
            id: UUID(), objectiveID: objective, title: fiche.title, serviceCode: fiche.service,
            objectivesText: fiche.objectivesText, levers: fiche.levers, obstacles: fiche.obstacles,
            contacts: fiche.contacts, sort: sort, version: 1)
        if let stored = try await db.select()
            .columns(
                "id", "objective_id", "title", "service_code", "objectives_text", "levers", "obstacles", "contacts",
                "sort", "version"
            )
            .from("fiches").where("roadmap_id", .equal, roadmap).where("code", .equal, fiche.code)
            .first(decoding: FicheRow.self, with: .snakeCase)
        {
            var same = wanted
            same.id = stored.id
            same.version = stored.version
            if same != stored {
                try await db.update("fiches").set("objective_id", to: objective).set("title", to: fiche.title)
                    .set("service_code", to: fiche.service).set("objectives_text", to: fiche.objectivesText)
                    .set("levers", to: fiche.levers).set("obstacles", to: fiche.obstacles)
                    .set("contacts", to: fiche.contacts).set("sort", to: sort).set("version", to: stored.version + 1)
                    .where("id", .equal, stored.id).run()
                summary.structureWritten += 1
            }
            return stored.id
        }
        try await db.insert(into: "fiches")
            .columns(
                "id", "roadmap_id", "objective_id", "code", "title", "service_code", "objectives_text", "levers",
                "obstacles", "contacts", "sort"
            )
            .values(
                SQLBind(wanted.id), SQLBind(roadmap), SQLBind(objective), SQLBind(fiche.code), SQLBind(fiche.title),
                SQLBind(fiche.service), SQLBind(fiche.objectivesText), SQLBind(fiche.levers), SQLBind(fiche.obstacles),
                SQLBind(fiche.contacts), SQLBind(sort)
            ).run()
        summary.structureWritten += 1
        return wanted.id
    }

    static func writeLink(
        _ link: RoadmapDocument.FicheIndicator, sort: Int, fiche: UUID, on db: any SQLDatabase, summary: inout Summary
    ) async throws {
        guard try await IndicatorQuery.find(link.code, on: db) != nil else {
            throw ServiceError.invalid(
                "Indicateur inconnu « \(link.code.prefix(40)) » : décrivez-le dans la partie indicators du document")
        }
        struct LinkRow: Decodable {
            var sort: Int
            var role: String
        }
        if let stored = try await db.select().columns("sort", "role").from("fiche_indicators")
            .where("fiche_id", .equal, fiche).where("indicator_code", .equal, link.code).first(decoding: LinkRow.self)
        {
            guard stored.sort != sort || stored.role != link.role else { return }
            try await db.update("fiche_indicators").set("sort", to: sort).set("role", to: link.role)
                .where("fiche_id", .equal, fiche).where("indicator_code", .equal, link.code).run()
        } else {
            try await db.insert(into: "fiche_indicators").columns("fiche_id", "indicator_code", "sort", "role")
                .values(SQLBind(fiche), SQLBind(link.code), SQLBind(sort), SQLBind(link.role)).run()
        }
        summary.structureWritten += 1
    }

    static func writeAction(
        _ action: RoadmapDocument.Action, fiche: UUID, on db: any SQLDatabase, summary: inout Summary
    ) async throws {
        struct ActionRow: Decodable, Equatable {
            var id: UUID
            var title, description, status: String
            var pilotCode, startOn, endOn: String?
            var version: Int
        }
        let actionID: UUID
        if let stored = try await db.select()
            .columns("id", "title", "description", "status", "pilot_code", "start_on", "end_on", "version")
            .from("actions").where("fiche_id", .equal, fiche).where("number", .equal, action.number)
            .first(decoding: ActionRow.self, with: .snakeCase)
        {
            actionID = stored.id
            let wanted = ActionRow(
                id: stored.id, title: action.title, description: action.description, status: action.status,
                pilotCode: action.pilot, startOn: action.startOn, endOn: action.endOn, version: stored.version)
            if wanted != stored {
                try await db.update("actions").set("title", to: action.title)
                    .set("description", to: action.description).set("status", to: action.status)
                    .set("pilot_code", to: action.pilot).set("start_on", to: action.startOn)
                    .set("end_on", to: action.endOn).set("version", to: stored.version + 1)
                    .where("id", .equal, stored.id).run()
                summary.structureWritten += 1
            }
        } else {
            actionID = UUID()
            try await db.insert(into: "actions")
                .columns(
                    "id", "fiche_id", "number", "title", "description", "pilot_code", "status", "start_on", "end_on"
                )
                .values(
                    SQLBind(actionID), SQLBind(fiche), SQLBind(action.number), SQLBind(action.title),
                    SQLBind(action.description), SQLBind(action.pilot), SQLBind(action.status),
                    SQLBind(action.startOn), SQLBind(action.endOn)
                ).run()
            summary.structureWritten += 1
        }
        try await writeCalendar(action.calendar, action: actionID, fiche: fiche, on: db, summary: &summary)
        try await writeRACI(action.raci, action: actionID, on: db, summary: &summary)
    }

    static func writeCalendar(
        _ cells: [RoadmapDocument.CalendarCell], action: UUID, fiche: UUID, on db: any SQLDatabase,
        summary: inout Summary
    ) async throws {
        struct CalendarRow: Decodable, Hashable {
            var period: String
            var intensity: Int
        }
        let wanted = Set(
            cells.filter { $0.intensity > 0 }.map { CalendarRow(period: $0.period, intensity: $0.intensity) })
        let stored = Set(
            try await db.select().columns("period", "intensity").from("fiche_calendar")
                .where("action_id", .equal, action).all(decoding: CalendarRow.self))
        guard wanted != stored else { return }
        try await db.delete(from: "fiche_calendar").where("action_id", .equal, action).run()
        try await db.insertBatched(
            into: "fiche_calendar", columns: ["fiche_id", "action_id", "period", "intensity"],
            rows: wanted.sorted { $0.period < $1.period }.map { [fiche, action, $0.period, $0.intensity] })
        summary.structureWritten += 1
    }

    static func writeRACI(
        _ cells: [RoadmapDocument.RACICell], action: UUID, on db: any SQLDatabase, summary: inout Summary
    ) async throws {
        struct RACIRow: Decodable, Hashable {
            var party, audience, role: String
        }
        // `check` has read every cell already; the stored form is the canonical "A/R".
        let wanted = Set(
            cells.compactMap { cell -> RACIRow? in
                guard let roles = try? RACIRoles.parse(cell.roles), !roles.isEmpty else { return nil }
                return RACIRow(party: cell.party, audience: cell.audience ?? "", role: roles.text)
            })
        let stored = Set(
            try await db.select().columns("party", "audience", "role").from("action_raci")
                .where("action_id", .equal, action).all(decoding: RACIRow.self, with: .snakeCase))
        guard wanted != stored else { return }
        try await db.delete(from: "action_raci").where("action_id", .equal, action).run()
        try await db.insertBatched(
            into: "action_raci", columns: ["action_id", "party_kind", "party", "audience", "role"],
            rows: wanted.sorted { ($0.party, $0.audience) < ($1.party, $1.audience) }.map {
                [action, "organisation", $0.party, $0.audience, $0.role]
            })
        summary.structureWritten += 1
    }
}
