import Foundation
import JalonCore
import SQLKit

extension MeetingShow {
    static func query(_ id: UUID, on db: any SQLDatabase) async throws -> Model? {
        guard let meeting = try await MeetingQuery.find(id, on: db),
            let committee = try await CommitteeQuery.find(id: meeting.committeeID, on: db)
        else { return nil }
        let attendance = try await MeetingQuery.attendance(id, on: db)
        let recipients = try await MeetingQuery.recipients(id, on: db)
        let mailings = try await MeetingQuery.mailings(id, on: db)
        let mail = Mail(
            next: InvitationKind.next(
                cancelled: meeting.status == MeetingStatus.cancelled.rawValue, alreadySent: !mailings.isEmpty),
            writable: recipients.filter(\.mayBeWritten).count,
            skipped: recipients.filter { !$0.mayBeWritten }.map(\.name), mailings: mailings)
        return Model(
            meeting: meeting, committee: committee, agenda: try await MeetingQuery.agenda(id, on: db),
            attendance: attendance,
            decisions: try await MeetingQuery.decisions(of: id, on: db),
            openBefore: try await MeetingQuery.openDecisions(committee: committee.id, before: meeting.day, on: db),
            attention: try await MeetingQuery.attentionPoints(
                meeting: id, committee: committee.id, day: meeting.day, on: db),
            participation: try await MeetingQuery.participation(id, attendees: attendance, on: db),
            packs: try await PackQuery.packs(of: id, on: db), photos: try await SnapshotService.all(on: db), mail: mail)
    }
}
