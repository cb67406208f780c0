import Foundation
import JalonCore
import SQLKit

extension CommitteeIndex {
    static func query(year: Int, today: Day, on db: any SQLDatabase) async throws -> Model {
        let committees = try await CommitteeQuery.all(on: db)
        struct CountRow: Decodable {
            var committeeID: UUID
            var n: Int
        }
        let counts = try await db.raw(
            "SELECT committee_id, COUNT(*) AS n FROM committee_members GROUP BY committee_id"
        ).all(decoding: CountRow.self, with: .snakeCase)
        let members = Dictionary(uniqueKeysWithValues: counts.map { ($0.committeeID, $0.n) })
        let upcoming = try await db.select().columns("committee_id", "day").from("meetings")
            .where("day", .greaterThanOrEqual, today.iso)
            .where("status", .equal, MeetingStatus.planned.rawValue).orderBy("day")
            .all(decoding: NextRow.self, with: .snakeCase)
        var next: [UUID: String] = [:]
        for row in upcoming where next[row.committeeID] == nil { next[row.committeeID] = row.day }
        var entries: [Entry] = []
        for committee in committees {
            let territory = try await committee.territoryCode.asyncMap { try await TerritoryQuery.find($0, on: db) }
            entries.append(
                Entry(
                    committee: committee, territoryName: territory??.name, members: members[committee.id] ?? 0,
                    nextMeeting: next[committee.id].map { Format.date(iso: $0) }))
        }
        let names = Dictionary(uniqueKeysWithValues: committees.map { ($0.id, $0) })
        let meetings = try await MeetingQuery.meetings(year: year, on: db).compactMap { meeting -> Planned? in
            guard let committee = names[meeting.committeeID], let day = Day(iso: meeting.day) else { return nil }
            return Planned(
                id: meeting.id, day: day, startTime: meeting.startTime, committeeCode: committee.code,
                committeeName: committee.name,
                status: MeetingStatus(rawValue: meeting.status) ?? .planned)
        }
        return Model(year: year, entries: entries, meetings: meetings)
    }

    struct NextRow: Decodable {
        var committeeID: UUID
        var day: String
    }
}
