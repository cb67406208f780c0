import Fluent
import Foundation
import JalonCore
import SQLKit

/// Invitations by e-mail: one message per invited contact who may be written to (an address and their
/// consent), carrying the agenda and the meeting's `.ics` (iTIP `REQUEST`, or `CANCEL` for a cancelled
/// meeting), an update once an invitation went out. Sent outside the database transaction — a message
/// cannot be taken back — then the sending is recorded and audited in one.
enum InvitationService {
    struct Report: Sendable, Equatable {
        var kind: InvitationKind
        var sent: [String]
        /// Invited contacts without an address or without consent, not written to.
        var skipped: [String]
        /// Contacts whose message the server refused, with its reason.
        var failed: [String]

        var summary: String {
            var parts = ["\(kind.label) envoyée à \(sent.count) contact(s)"]
            if !skipped.isEmpty {
                parts.append(
                    "\(skipped.count) sans adresse ou sans accord, non écrit(s) : " + skipped.joined(separator: ", "))
            }
            if !failed.isEmpty { parts.append("refusé(s) par le serveur : " + failed.joined(separator: ", ")) }
            return parts.joined(separator: " ; ") + "."
        }
    }

    static func nextKind(_ meeting: MeetingQuery.Meeting, on db: any SQLDatabase) async throws -> InvitationKind {
        InvitationKind.next(
            cancelled: meeting.status == MeetingStatus.cancelled.rawValue,
            alreadySent: !(try await MeetingQuery.mailings(meeting.id, on: db)).isEmpty)
    }

    static func send(
        _ id: UUID, on database: any Database, mailer: SMTPMailer, origin: String, actor: Actor, now: Date = Date()
    ) async throws -> Report {
        let sql = database as! any SQLDatabase
        let (meeting, committee) = try await MeetingService.writable(id, on: sql, actor: actor)
        let kind = try await nextKind(meeting, on: sql)
        let recipients = try await MeetingQuery.recipients(id, on: sql)
        let writable = recipients.filter(\.mayBeWritten)
        let skipped = recipients.filter { !$0.mayBeWritten }.map(\.name)
        guard !writable.isEmpty else {
            throw ServiceError.invalid(
                recipients.isEmpty
                    ? "Personne n'est invité : invitez d'abord les membres."
                    : "Aucun invité à qui écrire (sans adresse ou sans accord) : " + skipped.joined(separator: ", ")
                        + ".")
        }
        let agenda = try await MeetingQuery.agenda(id, on: sql)
        var sent: [String] = []
        var failed: [String] = []
        var lastRefusal: ServiceError?
        for recipient in writable {
            let message = Self.message(
                kind, meeting: meeting, committee: committee, agenda: agenda, to: recipient, from: mailer.settings.from,
                origin: origin, now: now)
            do {
                try await mailer.send(
                    message, messageID: "\(UUID().uuidString.lowercased())@jalon", date: now)
                sent.append(recipient.email)
            } catch let error as ServiceError {
                failed.append(recipient.name)
                lastRefusal = error
            }
        }
        if sent.isEmpty, let lastRefusal { throw lastRefusal }
        let report = Report(kind: kind, sent: sent, skipped: skipped, failed: failed)
        let (addresses, refused) = (sent, failed)
        try await database.sqlTransaction { db in
            try await db.insert(into: "meeting_mailings")
                .columns("id", "meeting_id", "kind", "sequence", "sent", "skipped", "sent_by", "sent_at")
                .values(
                    SQLBind(UUID()), SQLBind(id), SQLBind(kind.rawValue), SQLBind(meeting.version),
                    SQLBind(addresses.count), SQLBind(skipped.count), SQLBind(actor.name), SQLBind(now)
                ).run()
            try await AuditService.record(
                db, actor: actor, action: "send", objectType: "meeting", objectID: id.uuidString.lowercased(),
                summary: "\(kind.label) de la réunion « \(committee.name) » du \(Format.date(iso: meeting.day)) "
                    + "envoyée à \(addresses.count) contact(s)",
                details: [
                    "destinataires": addresses.joined(separator: ", "), "non_ecrits": skipped.joined(separator: ", "),
                    "refuses": refused.joined(separator: ", ")
                ])
        }
        return report
    }

    /// The message to one contact: the meeting in French, its agenda, and its calendar as a part mail clients
    /// offer to accept and as a `.ics` attachment.
    static func message(
        _ kind: InvitationKind, meeting: MeetingQuery.Meeting, committee: CommitteeQuery.Committee,
        agenda: [MeetingQuery.AgendaItem], to recipient: MeetingQuery.Recipient, from: MailMessage.Address,
        origin: String, now: Date
    ) -> MailMessage {
        let when =
            Format.longDate(iso: meeting.day) + " à " + meeting.startTime.replacingOccurrences(of: ":", with: " h ")
        let opening =
            switch kind {
            case .invitation: "Vous êtes invité(e) à la réunion « \(committee.name) » le \(when)."
            case .update: "La réunion « \(committee.name) » a changé : elle se tient le \(when)."
            case .cancellation: "La réunion « \(committee.name) » du \(when) est annulée."
            }
        var lines = ["Bonjour \(recipient.name),", "", opening]
        if kind != .cancellation {
            lines.append("Durée : \(meeting.durationMinutes) min.")
            if !meeting.place.isEmpty { lines.append("Lieu : \(meeting.place)") }
            if !meeting.videoUrl.isEmpty { lines.append("Visioconférence : \(meeting.videoUrl)") }
            if !agenda.isEmpty {
                lines += ["", "Ordre du jour :"]
                lines += agenda.enumerated().map { index, item in
                    "\(index + 1). \(item.title) (\(item.durationMinutes) min"
                        + (item.speakers.isEmpty ? "" : " — \(item.speakers)") + ")"
                }
            }
            lines += ["", "L'invitation est jointe pour votre agenda (reunion.ics)."]
        }
        if !origin.isEmpty {
            lines.append("La réunion dans Jalon : \(origin)\(SiteURL.meeting(meeting.id.uuidString.lowercased()).path)")
        }
        lines += [
            "", "Vous recevez ce message comme invité(e) de ce comité.", "\(from.name.isEmpty ? "Jalon" : from.name)"
        ]
        var event = MeetingCalendarExport.event(meeting, committee: committee, agenda: agenda, origin: origin)
        event.organizer = from
        event.attendees = [recipient.address]
        event.cancelled = kind == .cancellation
        let calendar = Data(
            ICalendar.document(
                name: committee.name, product: "Comités", events: [event], method: kind.method, stamp: now
            )
            .utf8)
        let type = "text/calendar; charset=utf-8; method=\(kind.method)"
        return MailMessage(
            from: from, to: [recipient.address],
            subject: "\(kind.label) : \(committee.name) — \(when)", text: lines.joined(separator: "\n"),
            attachments: [.init(fileName: "reunion.ics", contentType: "application/ics", data: calendar)],
            alternatives: [.init(fileName: "reunion.ics", contentType: type, data: calendar)])
    }
}
