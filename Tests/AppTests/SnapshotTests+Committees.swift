import Foundation
import JalonCore
import Testing

@testable import App

extension SnapshotTests {
    static let cotan = CommitteeQuery.Committee(
        id: UUID(uuidString: "00000000-0000-0000-0000-00000000c071")!, code: "cotan-littoral", name: "COTAN Littoral",
        kind: "cotan", organisations: "ARS,GRADeS", frequency: "2 par an",
        objectives: "Partager l'avancement du territoire et les besoins remontés du terrain.",
        agendaTemplate: "20 min | Indicateurs du territoire | ARS\n40 min | Retours du terrain",
        territoryCode: "TAN-LITTORAL",
        version: 1)

    @Test func committees() throws {
        let model = CommitteeIndex.Model(
            year: 2027,
            entries: [
                .init(committee: Self.cotan, territoryName: "Littoral", members: 2, nextMeeting: "13 avril 2027")
            ],
            meetings: [
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!, day: Day(2027, 4, 13),
                    startTime: "14:00", committeeCode: "cotan-littoral",
                    committeeName: "COTAN Littoral", status: .planned),
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b2")!, day: Day(2027, 10, 12),
                    startTime: "14:00", committeeCode: "cotan-littoral",
                    committeeName: "COTAN Littoral", status: .cancelled)
            ])
        try Self.assertSnapshot(CommitteeIndex.render(model), named: "committees")
    }

    @Test func committee() throws {
        let model = CommitteeShow.Model(
            committee: Self.cotan, territoryName: "Littoral",
            members: [
                .init(
                    contactID: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, firstName: "Camille",
                    lastName: "Exemple", function: "Animatrice territoriale", role: "animateur", organisation: "GRADeS")
            ],
            contacts: [.init(id: "00000000-0000-0000-0000-0000000000a2", label: "Fictif Dominique — Directeur")],
            meetings: [
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!, committeeID: Self.cotan.id,
                    day: "2027-04-13", startTime: "14:00", place: "Boulogne-sur-Mer", videoUrl: "", status: "planifiee",
                    minutes: "", minutesStatus: "none", durationMinutes: 60, version: 1)
            ], nextYear: 2027,
            openDecisions: [
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000d1")!,
                    meetingID: UUID(uuidString: "00000000-0000-0000-0000-0000000000b0")!,
                    text: "Relancer les EHPAD sans DUI", owner: "GRADeS", status: "ouverte", day: "2026-10-13",
                    linkKind: "", linkCode: "", dueOn: "2027-03-31", taskID: nil)
            ])
        try Self.assertSnapshot(CommitteeShow.render(model), named: "committee")
    }
}

extension SnapshotTests {
    @Test func meeting() throws {
        let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000b1")!
        let model = MeetingShow.Model(
            meeting: .init(
                id: id, committeeID: Self.cotan.id, day: "2027-04-13", startTime: "14:00", place: "Boulogne-sur-Mer",
                videoUrl: "", status: "tenue", minutes: "Tour de table des ESMS.", minutesStatus: "brouillon",
                durationMinutes: 60, version: 3),
            committee: Self.cotan,
            agenda: [
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!, sort: 0, durationMinutes: 20,
                    title: "Indicateurs du territoire", speakers: "ARS", linkKind: "territoire", linkCode: "D62"),
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000c2")!, sort: 1, durationMinutes: 30,
                    title: "Points d'attention", speakers: "", linkKind: "", linkCode: "")
            ],
            attendance: [
                .init(
                    contactID: UUID(uuidString: "00000000-0000-0000-0000-0000000000a1")!, firstName: "Camille",
                    lastName: "Exemple", presence: "present", representedBy: "", function: "Chargée de mission",
                    organisation: "GRADeS")
            ],
            decisions: [
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000d1")!, meetingID: id,
                    text: "Relancer les EHPAD sans DUI", owner: "GRADeS", status: "ouverte", day: "2027-04-13",
                    linkKind: "fiche", linkCode: "O1-01", dueOn: "2027-06-30", taskID: nil)
            ], openBefore: [],
            attention: [
                .init(
                    id: UUID(uuidString: "00000000-0000-0000-0000-0000000000e1")!, kind: "blocage",
                    text: "Éditeur DPI non référencé", status: "ouvert", day: "2027-04-13", closedOn: nil)
            ],
            participation: Participation([
                .init(
                    presence: .present, organisation: "GRADeS", departments: ["Pas-de-Calais"],
                    profile: "Chargée de mission"),
                .init(presence: .excused, organisation: "ARS", departments: [], profile: "")
            ]))
        try Self.assertSnapshot(MeetingShow.render(model), named: "meeting")
    }
}
