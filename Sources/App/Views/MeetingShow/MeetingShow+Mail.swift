import Foundation
import JalonCore
import Plot

/// The meeting page's invitations by e-mail: the next sending (invitation, update, cancellation) to the
/// invited contacts who may be written to, or — without a mail server — the `.ics` to attach by hand.
extension MeetingShow {
    static func mail(_ model: Model, url: String, section: (String) -> HNode) -> HNode {
        let mail = model.mail
        let ics = SiteURL.meetingICS(model.meeting.id.uuidString.lowercased()).path
        return .group(
            .el("h3", .cls("fr-mt-4w"), .attr("id", "courriels"), .txt("Invitations par courriel")),
            !mail.configured
                ? UI.alert(
                    "L'envoi de courriels n'est pas configuré sur ce serveur (JALON_SMTP_URL) : téléchargez "
                        + "l'invitation et joignez-la à votre message.", kind: "info")
                : .empty,
            !mail.configured
                ? .el("p", .link(ics, .txt("Télécharger l'invitation (.ics)")))
                : .postForm(
                    .committees, .attr("action", url), section("send"),
                    .el(
                        "p", .cls("fr-hint-text"),
                        .txt(
                            "\(mail.writable) destinataire(s)"
                                + (mail.skipped.isEmpty
                                    ? ""
                                    : " ; non écrits, sans adresse ou sans accord : "
                                        + mail.skipped.joined(separator: ", ")))),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"),
                        .txt(buttonLabel(mail.next)))),
            mail.mailings.isEmpty
                ? .empty
                : UI.table(
                    caption: "Envois",
                    headers: [
                        ("Date", false), ("Envoi", false), ("Destinataires", true), ("Non écrits", true), ("Par", false)
                    ],
                    rows: mail.mailings.map { mailing in
                        [
                            .txt(Format.date(mailing.sentAt)),
                            .txt(InvitationKind(rawValue: mailing.kind)?.label ?? mailing.kind),
                            .txt(Format.integer(mailing.sent)), .txt(Format.integer(mailing.skipped)),
                            .txt(mailing.sentBy)
                        ]
                    }))
    }

    static func buttonLabel(_ kind: InvitationKind) -> String {
        switch kind {
        case .invitation: "Envoyer l'invitation"
        case .update: "Envoyer la mise à jour"
        case .cancellation: "Envoyer l'annulation"
        }
    }
}
