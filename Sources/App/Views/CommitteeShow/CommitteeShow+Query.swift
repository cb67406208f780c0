import Foundation
import JalonCore
import SQLKit

extension CommitteeShow {
    static func query(_ code: String, today: Day, on db: any SQLDatabase) async throws -> Model? {
        guard let committee = try await CommitteeQuery.find(code, on: db) else { return nil }
        let territory = try await committee.territoryCode.asyncMap { try await TerritoryQuery.find($0, on: db) }
        let members = try await CommitteeQuery.members(of: committee.id, on: db)
        struct ContactRow: Decodable {
            var id: UUID
            var firstName, lastName, function: String
        }
        let joined = Set(members.map(\.contactID))
        let contacts = try await db.select().columns("id", "first_name", "last_name", "function").from("contacts")
            .orderBy("last_name").orderBy("first_name").limit(2_000).all(decoding: ContactRow.self, with: .snakeCase)
            .filter { !joined.contains($0.id) }
            .map {
                Contact(
                    id: $0.id.uuidString,
                    label: "\($0.lastName) \($0.firstName)" + ($0.function.isEmpty ? "" : " — \($0.function)"))
            }
        let fiches = try await CommitteeQuery.fiches(on: db)
        let followed = try await CommitteeQuery.followedFiches(of: committee.id, on: db).map { code in
            fiches.first { $0.code == code } ?? .init(code: code, title: "")
        }
        return Model(
            committee: committee, territoryName: territory??.name, members: members, contacts: contacts,
            meetings: try await MeetingQuery.meetings(committee: committee.id, on: db),
            nextYear: today.month >= 9 ? today.year + 1 : today.year,
            followed: followed, fiches: fiches.filter { fiche in !followed.contains { $0.code == fiche.code } },
            openDecisions: try await MeetingQuery.openDecisions(committee: committee.id, before: "9999-12-31", on: db),
            feeds: try await CalendarFeedQuery.feeds(of: committee, on: db))
    }
}
