import Foundation
import JalonCore
import SQLKit

extension RACIOverview {
    /// The roadmap's RACI cells, one line per fiche × audience × action; `service` and `audience` filter.
    static func query(
        roadmap asked: String?, service: String?, audience: String?, today: Day, on db: any SQLDatabase
    ) async throws -> Model? {
        let roadmaps = try await RoadmapQuery.all(on: db)
        guard let roadmap = try await RoadmapQuery.chosen(asked, today: today, listed: roadmaps, on: db) else {
            return nil
        }
        struct CellRow: Decodable {
            var serviceCode: String?
            var ficheCode: String
            var ficheTitle: String
            var ficheSort: Int
            var actionNumber: Int
            var actionTitle: String
            var audience: String
            var party: String
            var role: String
        }
        let cells = try await db.raw(
            """
            SELECT f.service_code, f.code AS fiche_code, f.title AS fiche_title, f.sort AS fiche_sort,
                   a.number AS action_number, a.title AS action_title, r.audience, r.party, r.role
            FROM action_raci r JOIN actions a ON a.id = r.action_id JOIN fiches f ON f.id = a.fiche_id
            WHERE f.roadmap_id = \(bind: roadmap.id)
            """
        ).all(decoding: CellRow.self, with: .snakeCase)
        let audienceOrder = [""] + FicheService.audiences.map(\.code)
        var lines: [String: (sort: (Int, Int, Int), line: Line)] = [:]
        for cell in cells {
            let key = "\(cell.ficheCode)|\(cell.audience)|\(cell.actionNumber)"
            var entry =
                lines[key]
                ?? (
                    (
                        cell.ficheSort, audienceOrder.firstIndex(of: cell.audience) ?? audienceOrder.count,
                        cell.actionNumber
                    ),
                    Line(
                        service: cell.serviceCode ?? "", ficheCode: cell.ficheCode, ficheTitle: cell.ficheTitle,
                        audience: cell.audience, actionNumber: cell.actionNumber, actionTitle: cell.actionTitle,
                        roles: [:])
                )
            entry.line.roles[cell.party] = cell.role
            lines[key] = entry
        }
        let all = lines.values.sorted { $0.sort < $1.sort }.map(\.line)
        let service = service?.trimmedSpaces.nilIfEmpty
        let audience = audience?.trimmedSpaces.nilIfEmpty
        return Model(
            roadmap: roadmap, roadmapChoices: roadmaps, organisations: try await FicheService.organisationCodes(on: db),
            services: Array(Set(all.map(\.service).filter { !$0.isEmpty })).sorted(), service: service,
            audience: audience,
            lines: all.filter { line in
                (service == nil || line.service == service) && (audience == nil || line.audience == audience)
            })
    }
}
