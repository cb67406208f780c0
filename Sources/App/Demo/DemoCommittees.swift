import Foundation
import JalonCore
import SQLKit

/// The Hauts-de-France comitologie of seed 000, with fictitious members: the CRNS (three a year), one COTAN
/// per TAN (twice a year), the monthly cellule de coordination and the COPIL Ségur. The year's meetings
/// already past are held, with attendance, approved minutes, decisions and points of attention; the next
/// CRNS is planned with its agenda and its members invited. Its pack is generated from a validated photo:
/// the demo validates none of the current roadmap, whose periods it would lock (the pilote validates the
/// photo for the committee, as in real life); until then the closing photo of 2021–2023 serves.
/// Loading twice changes nothing.
enum DemoCommittees {
    struct Summary: Sendable, Equatable {
        var committees: Int
        var meetings: Int
        var held: Int
    }

    static let crnsAgenda = """
        20 min | Introduction | ARS, Assurance Maladie
        20 min | Focus Mon Espace Santé : généralisation | Assurance Maladie
        40 min | Suivi des indicateurs de la feuille de route | GRADeS
        20 min | Animation territoriale du numérique | Animateurs territoriaux
        15 min | Points d'attention et relevé de décisions | ARS
        5 min | Conclusion | ARS, Assurance Maladie
        """

    /// The recurrent agenda seed 000 proposes for a COTAN.
    static let cotanAgenda = """
        30 min | Suivi des indicateurs du déploiement du Ségur numérique (DMP, MSS, PSC, INS, MES, cyber) | GRADeS
        30 min | Accompagnement des couloirs : établissements sanitaires et médico-sociaux | ARS, animateurs
        20 min | Suivi des dossiers e-parcours et parcours régionaux | ARS
        30 min | Un cas d'usage concret présenté par un acteur du territoire | Invité
        10 min | Agenda du territoire | Animateurs
        """

    static func load(on db: any SQLDatabase, actor: Actor, today: Day = .today()) async throws -> Summary {
        guard try await CommitteeQuery.find("crns", on: db) == nil else {
            return Summary(committees: 0, meetings: 0, held: 0)
        }
        let people = try await members(on: db, actor: actor)
        var codes: [String] = []
        codes.append(
            try await CommitteeService.create(
                .init(
                    name: "Comité régional du numérique en santé", kind: "crns",
                    organisations: "ARS-HDF, DCGDR-HDF, GRADES-HDF", frequency: "3 par an",
                    objectives: "Piloter la feuille de route régionale du numérique en santé et le Ségur numérique.",
                    agendaTemplate: crnsAgenda, code: "crns"), on: db, actor: actor))
        for tan in DemoRegion.tans {
            codes.append(
                try await CommitteeService.create(
                    .init(
                        name: "COTAN \(tan.name)", kind: "cotan", organisations: "ARS-HDF, GRADES-HDF",
                        territory: tan.code, frequency: "2 par an",
                        objectives: "Suivi territorial de l'avancement des sujets numériques (Ségur et e-parcours).",
                        agendaTemplate: cotanAgenda), on: db, actor: actor))
        }
        codes.append(
            try await CommitteeService.create(
                .init(
                    name: "Cellule de coordination Ségur numérique", kind: "coordination",
                    organisations: "ARS-HDF, DCGDR-HDF, GRADES-HDF", frequency: "mensuelle",
                    agendaTemplate: "30 min | Tour des chantiers | ARS, Assurance Maladie, GRADeS\n"
                        + "30 min | Préparation des comités | ARS"), on: db, actor: actor))
        codes.append(
            try await CommitteeService.create(
                .init(
                    name: "COPIL Ségur numérique", kind: "copil", organisations: "ARS-HDF, DCGDR-HDF",
                    frequency: "3 par an",
                    agendaTemplate: "45 min | Avancement des couloirs | GRADeS\n45 min | Arbitrages | ARS"),
                on: db, actor: actor))
        for code in codes {
            guard let committee = try await CommitteeQuery.find(code, on: db) else { continue }
            for (contact, role) in people(committee) {
                try await CommitteeService.setMember(code, contact: contact, role: role, on: db, actor: actor)
            }
            _ = try await CommitteeService.planYear(code, year: today.year, on: db, actor: actor)
        }
        // The next CRNS may fall next year.
        _ = try await CommitteeService.planYear("crns", year: today.year + 1, on: db, actor: actor)
        var held = 0
        for meeting in try await MeetingQuery.meetings(on: db) where meeting.day < today.iso {
            try await hold(meeting, on: db, actor: actor)
            held += 1
        }
        if let next = try await MeetingQuery.resolve("crns", today: today, on: db) {
            try await MeetingService.update(
                next.id,
                .init(
                    day: next.day, startTime: "09:30", durationMinutes: "120",
                    place: "ARS Hauts-de-France, 556 avenue Willy Brandt, Lille",
                    videoURL: "https://webconf.numerique.gouv.fr/demo-crns", status: MeetingStatus.planned.rawValue),
                version: nil, on: db, actor: actor)
            _ = try await MeetingService.inviteMembers(next.id, on: db, actor: actor)
        }
        return Summary(
            committees: codes.count, meetings: try await MeetingQuery.meetings(on: db).count, held: held)
    }

    /// Who sits where: the CRNS gathers everyone, a COTAN its TAN's animator and the CPAM référents, the
    /// cellule and the COPIL the three organisations' leads.
    static func members(on db: any SQLDatabase, actor: Actor) async throws
        -> (CommitteeQuery.Committee) -> [(UUID, String)]
    {
        struct ContactRow: Decodable {
            var id: UUID
            var email: String
        }
        var leads: [UUID] = []
        for (organisation, function) in [
            ("ARS-HDF", "Direction de la stratégie (démonstration)"),
            ("DCGDR-HDF", "Coordination régionale e-santé (démonstration)"),
            ("GRADES-HDF", "Direction du GRADeS (démonstration)")
        ] {
            leads.append(
                try await DirectoryService.createContact(
                    .init(
                        civility: "", firstName: "Direction", lastName: "Démo \(organisation)", function: function,
                        organisation: organisation, email: "direction.\(organisation.lowercased())@demo.jalon.invalid",
                        roles: ["pilote"], territories: ["R32"], mailingConsent: true), on: db, actor: actor))
        }
        let contacts = try await db.select().columns("id", "email").from("contacts")
            .where("email", .like, "%@demo.jalon.invalid").all(decoding: ContactRow.self)
        let animators = Dictionary(
            contacts.filter { $0.email.hasPrefix("animation.") }.map {
                (String($0.email.dropFirst("animation.".count).prefix { $0 != "@" }).uppercased(), $0.id)
            }, uniquingKeysWith: { first, _ in first })
        let referents = contacts.filter { $0.email.hasPrefix("cpam-") || $0.email.hasPrefix("ars-") }.map(\.id)
        let everyone = contacts.map(\.id)
        return { committee in
            switch CommitteeKind(rawValue: committee.kind) {
            case .crns:
                return [(leads[0], "président"), (leads[1], "co-président"), (leads[2], "secrétariat")]
                    + everyone.filter { !leads.contains($0) }.map { ($0, "membre") }
            case .cotan:
                return [(leads[0], "président")]
                    + (animators[committee.territoryCode ?? ""].map { [($0, "animateur")] } ?? [])
                    + referents.map { ($0, "membre") }
            default:
                return [(leads[0], "animateur"), (leads[1], "membre"), (leads[2], "membre")]
            }
        }
    }

    /// A past meeting as it was held: most present, one excused, approved minutes, a decision and a point of
    /// attention.
    static func hold(_ meeting: MeetingQuery.Meeting, on db: any SQLDatabase, actor: Actor) async throws {
        try await MeetingService.update(
            meeting.id,
            .init(
                day: meeting.day, startTime: meeting.startTime, durationMinutes: "\(meeting.durationMinutes)",
                place: meeting.place, videoURL: meeting.videoUrl, status: MeetingStatus.held.rawValue),
            version: nil, on: db, actor: actor)
        _ = try await MeetingService.inviteMembers(meeting.id, on: db, actor: actor)
        for (index, attendee) in try await MeetingQuery.attendance(meeting.id, on: db).enumerated() {
            try await MeetingService.setPresence(
                meeting.id, contact: attendee.contactID, presence: index % 5 == 4 ? "excuse" : "present", on: db,
                actor: actor)
        }
        let month = Format.months[(Day(iso: meeting.day)?.month ?? 1) - 1]
        try await MeetingService.saveMinutes(
            meeting.id,
            text: "Relevé de la réunion de \(month) (démonstration). Les indicateurs de la feuille de route ont été "
                + "présentés ; les participants ont partagé l'avancement des établissements et des ESMS.",
            version: nil, on: db, actor: actor)
        try await MeetingService.approveMinutes(meeting.id, on: db, actor: actor)
        let due = (Day(iso: meeting.day) ?? Day(2026, 1, 1)).addingDays(60)
        let decision = try await MeetingService.addDecision(
            meeting.id,
            .init(
                text: "Relancer les établissements sans raccordement MSSanté (réunion de \(month))",
                owner: "GRADeS", due: due.iso), on: db, actor: actor)
        // Decisions of the first half-year are done; later ones stay open for the next meeting's review.
        if (Day(iso: meeting.day)?.month ?? 12) <= 6 {
            try await MeetingService.setDecisionStatus(
                decision, status: DecisionStatus.done.rawValue, on: db, actor: actor)
        }
        try await MeetingService.raise(
            meeting.id, kind: AttentionKind.blocking.rawValue,
            text: "Éditeur de DPI non encore référencé Ségur pour plusieurs EHPAD (réunion de \(month))", on: db,
            actor: actor)
    }
}
