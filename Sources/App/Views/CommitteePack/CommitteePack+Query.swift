import Foundation
import JalonCore
import SQLKit

extension CommitteePack {
    /// Everything the pack shows, read as of the photo's date. `publicDirectory` holds the map asset.
    static func query(
        meeting id: UUID, photo photoID: UUID, template: PackTemplate, publicDirectory: String,
        on db: any SQLDatabase
    ) async throws -> Model {
        guard let meeting = try await MeetingQuery.find(id, on: db),
            let committee = try await CommitteeQuery.find(id: meeting.committeeID, on: db)
        else { throw ServiceError.notFound("Réunion inconnue.") }
        guard let photo = try await SnapshotService.find(photoID, on: db),
            let (roadmapID, roadmapCode, roadmapName) = try await PackQuery.roadmap(ofPhoto: photoID, on: db)
        else { throw ServiceError.invalid("Photo à date inconnue.", field: "photo") }
        let territory = try await TerritoryQuery.find(photo.territory, on: db)
        let sections = Set(template.sections)

        struct TitleRow: Decodable {
            var number: Int
            var title: String
        }
        let titles = Dictionary(
            try await db.select().columns("number", "title").from("objectives").where("roadmap_id", .equal, roadmapID)
                .all(decoding: TitleRow.self).map { ($0.number, $0.title) }, uniquingKeysWith: { first, _ in first })
        struct ServiceRow: Decodable {
            var code: String
            var serviceCode: String?
        }
        let services = Dictionary(
            try await db.select().columns("code", "service_code").from("fiches").where("roadmap_id", .equal, roadmapID)
                .all(decoding: ServiceRow.self, with: .snakeCase).map { ($0.code, $0.serviceCode ?? "") },
            uniquingKeysWith: { first, _ in first })
        // A committee that follows fiches sees their indicators only.
        let followed = Set(try await CommitteeQuery.followedFiches(of: committee.id, on: db))
        let rows = followed.isEmpty ? photo.rows : photo.rows.filter { followed.contains($0.fiche) }
        let objectives = Dictionary(grouping: rows, by: \.objective).keys.sorted().map { number in
            Objective(
                number: number, title: titles[number] ?? "",
                rows: rows.filter { $0.objective == number }.map { row in
                    IndicatorLine(
                        service: services[row.fiche] ?? "", secteur: row.couloir, code: row.code, label: row.label,
                        target: row.due.isEmpty ? row.target : "\(row.target) (\(row.due))",
                        source: row.provenance,
                        // The photo's date heads the slide: a value of another date says so.
                        value: row.valueDate.isEmpty || row.valueDate == Format.date(iso: photo.asOf.iso)
                            ? row.value : "\(row.value) (\(row.valueDate))",
                        status: row.status, statusLabel: row.statusLabel)
                })
        }

        var focus: [IndicatorShow.Model] = []
        if sections.contains(.focus), let territory {
            for code in template.focus {
                guard let indicator = try await IndicatorQuery.find(code, on: db) else {
                    throw ServiceError.invalid("Indicateur de focus inconnu « \(code.prefix(40)) ».", field: "focus")
                }
                var page = try await IndicatorShow.query(
                    indicator, territory: territory, at: photo.asOf, roadmap: roadmapCode,
                    publicDirectory: publicDirectory, on: db)
                // As of the photo: what was measured later is not in the pack.
                page.series = page.series.filter { $0.0 <= photo.asOf }
                focus.append(page)
            }
        }
        var comparison: ComparisonShow.Model?
        if sections.contains(.comparison) {
            // A COTAN compares the départements; a regional committee its TAN when the region has them.
            let grouping = committee.territoryCode == nil ? try await tanGrouping(on: db) : "departements"
            comparison = try await ComparisonShow.query(
                grouping: grouping, at: photo.asOf, couloir: nil, roadmap: roadmapCode, on: db)
        }
        var previous: PreviousPhoto?
        if let earlier = try await PackQuery.previousPhoto(committee: committee.id, before: meeting.day, on: db),
            let before = try await SnapshotService.find(earlier, on: db)
        {
            func lines(_ rows: [SnapshotRow]) -> [PhotoChanges.Line] {
                rows.map {
                    .init(
                        code: $0.code, label: $0.label, value: $0.value, status: $0.status, statusLabel: $0.statusLabel)
                }
            }
            previous = PreviousPhoto(
                name: before.name, asOf: before.asOf,
                changes: PhotoChanges(previous: lines(before.rows), current: lines(photo.rows)))
        }
        return Model(
            committee: committee, meeting: meeting, photo: photo, roadmapName: roadmapName,
            territoryName: territory?.name ?? photo.territory, template: template,
            agenda: try await MeetingQuery.agenda(id, on: db), objectives: objectives, focus: focus,
            comparison: comparison,
            decisions: try await MeetingQuery.decisionsToReview(committee: committee.id, before: meeting.day, on: db),
            attention: try await MeetingQuery.attentionPoints(
                meeting: id, committee: committee.id, day: meeting.day, on: db),
            previous: previous, interlocutors: try await CommitteeQuery.interlocutors(of: committee.id, on: db))
    }

    /// The découpage named TAN, when the region has one; the départements otherwise.
    static func tanGrouping(on db: any SQLDatabase) async throws -> String {
        struct DecoupageRow: Decodable { var code: String }
        let found = try await db.raw(
            "SELECT code FROM decoupages WHERE UPPER(code) LIKE '%TAN%' ORDER BY code LIMIT 1"
        ).first(decoding: DecoupageRow.self)
        return found?.code ?? "departements"
    }
}
