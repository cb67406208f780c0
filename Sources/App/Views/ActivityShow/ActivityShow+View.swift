import Foundation
import JalonCore
import Plot

extension ActivityShow {
    static func render(_ model: Model) -> String {
        let detail = model.detail
        let error = model.error
        let activity = detail.row
        let id = activity.id.uuidString.lowercased()
        return Layout(
            title: activity.title, section: .activities,
            breadcrumb: [
                ("Activités", SiteURL.activities.path),
                (activity.title, SiteURL.activity(activity.id.uuidString.lowercased()).path)
            ]
        ).render(
            .group(
                UI.h1(activity.title),
                .when(error != nil, UI.alert(error ?? "", kind: "error", title: "Pièce jointe refusée")),
                UI.keyValueTable(
                    caption: "L'activité",
                    rows: [
                        ("Type", .txt(activity.type.label)), ("Date", .txt(Format.date(iso: activity.date.iso))),
                        ("Durée", .txt(detail.durationMinutes.map { "\($0) min" } ?? "—")),
                        ("Lieu", .txt(detail.remote ? "À distance" : (detail.place.isEmpty ? "—" : detail.place))),
                        ("Participants", .txt(activity.participants.map(UI.number) ?? "—")),
                        ("Thèmes", .txt(activity.topics.isEmpty ? "—" : activity.topics.joined(separator: ", "))),
                        (
                            "Couloirs visés",
                            .txt(detail.couloirs.isEmpty ? "—" : detail.couloirs.joined(separator: ", "))
                        ),
                        (
                            "Territoires",
                            activity.territories.isEmpty
                                ? .txt("—")
                                : .group(
                                    .each(activity.territories) {
                                        .group(.link(SiteURL.territory($0).path, .txt($0)), .txt(" "))
                                    })
                        ),
                        (
                            "Organisateurs",
                            .txt(activity.organisers.isEmpty ? "—" : activity.organisers.joined(separator: ", "))
                        ),
                        ("Compte rendu", .txt(detail.notes.isEmpty ? "—" : detail.notes))
                    ]),
                .el("h2", .txt("Structures touchées (\(detail.structures.count))")),
                detail.structures.isEmpty
                    ? .el("p", .txt("Aucune structure rattachée."))
                    : UI.table(
                        caption: "Structures touchées",
                        headers: [("Structure", false), ("Commune", false), ("Couloir", false), ("Présents", false)],
                        rows: detail.structures.map { reached in
                            [
                                .link(SiteURL.structure(reached.structure.key).path, .txt(reached.structure.name)),
                                .txt(reached.structure.city), .txt(reached.structure.couloir),
                                .txt(reached.attendees.isEmpty ? "—" : reached.attendees)
                            ]
                        }),
                .el("h2", .txt("Pièces jointes")),
                detail.attachments.isEmpty
                    ? .el("p", .txt("Aucune pièce jointe."))
                    : .el(
                        "ul",
                        .each(detail.attachments) { attachment in
                            .el(
                                "li",
                                .link(
                                    SiteURL.activityAttachment(id, attachment.id.uuidString.lowercased()).path,
                                    .txt(attachment.fileName)),
                                .txt(" (\(UI.number(max(1, attachment.size / 1024))) Kio)"))
                        }),
                .postForm(
                    .activities, .attr("action", SiteURL.activityAttachments(id).path),
                    .attr("enctype", "multipart/form-data"),
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "piece"), .txt("Ajouter une pièce jointe"),
                            .el("span", .cls("fr-hint-text"), .txt("ordre du jour, support… 10 Mo au plus"))),
                        .void("input", [("class", "fr-upload"), ("type", "file"), ("id", "piece"), ("name", "file")])),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w"), .attr("type", "submit"),
                        .txt("Joindre"))),
                .el("h2", .cls("fr-mt-5w"), .txt("Historique")),
                detail.history.isEmpty
                    ? .el("p", .txt("Aucun événement."))
                    : HistoryTable.render(detail.history, caption: "Historique de l'activité")))
    }
}
