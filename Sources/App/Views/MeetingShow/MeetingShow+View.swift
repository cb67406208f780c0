import JalonCore
import Plot

extension MeetingShow {
    static func render(_ model: Model) -> String {
        let meeting = model.meeting
        let committee = model.committee
        let url = SiteURL.meeting(meeting.id.uuidString.lowercased()).path
        let title = "\(committee.name) — \(Format.date(iso: meeting.day))"
        let approved = meeting.minutesStatus == MinutesStatus.approved.rawValue
        func section(_ name: String) -> HNode { UI.hidden("section", name) }
        return Layout(
            title: title, section: .committees,
            breadcrumb: [
                ("Comités", SiteURL.committees.path), (committee.name, SiteURL.committee(committee.code).path),
                (Format.date(iso: meeting.day), url)
            ]
        ).render(
            .group(
                UI.h1(title),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                UI.keyValueTable(
                    caption: "La réunion",
                    rows: [
                        ("Date et heure", .txt("\(Format.date(iso: meeting.day)) à \(meeting.startTime)")),
                        ("Durée", .txt("\(meeting.durationMinutes) min")),
                        ("Lieu", .txt(meeting.place.isEmpty ? "—" : meeting.place)),
                        (
                            "Visioconférence",
                            meeting.videoUrl.isEmpty ? .txt("—") : .link(meeting.videoUrl, .txt(meeting.videoUrl))
                        ),
                        ("Statut", .txt(MeetingStatus(rawValue: meeting.status)?.label ?? meeting.status))
                    ]),
                .el(
                    "details", .cls("fr-mb-3w"), .el("summary", .txt("Modifier la date, le lieu ou le statut")),
                    .postForm(
                        .committees, .attr("action", url), section("details"),
                        UI.hidden("version", "\(meeting.version)"),
                        .el(
                            "div", .cls("fr-grid-row fr-grid-row--gutters"),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-3"),
                                UI.input(
                                    id: "reunion-date", name: "day", label: "Date", value: meeting.day, type: "date")),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-2"),
                                UI.input(
                                    id: "reunion-heure", name: "start_time", label: "Heure", value: meeting.startTime)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-2"),
                                UI.input(
                                    id: "reunion-duree", name: "duration_minutes", label: "Durée (min)",
                                    value: "\(meeting.durationMinutes)", type: "number")),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-5"),
                                UI.input(id: "reunion-lieu", name: "place", label: "Lieu", value: meeting.place)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-7"),
                                UI.input(
                                    id: "reunion-visio", name: "video_url", label: "Lien de visioconférence",
                                    value: meeting.videoUrl, hint: "https://…")),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-5"),
                                UI.select(
                                    id: "reunion-statut", name: "status", label: "Statut",
                                    options: MeetingStatus.allCases.map { ($0.rawValue, $0.label) },
                                    selected: meeting.status))),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer")))),
                .el("h2", .txt("Ordre du jour")),
                model.agenda.isEmpty
                    ? .el("p", .txt("Aucun point à l'ordre du jour."))
                    : UI.table(
                        caption: "Ordre du jour", headers: [("Durée", true), ("Point", false), ("Intervenants", false)],
                        rows: model.agenda.map {
                            [.txt("\($0.durationMinutes) min"), .txt($0.title), .txt($0.speakers)]
                        },
                        numericColumns: [0]),
                .postForm(
                    .committees, .attr("action", url), .cls("jalon-inline"), section("agenda"),
                    UI.input(
                        id: "odj-point", name: "item", label: "Ajouter un point", value: "",
                        hint: "20 min | Titre | intervenants"),
                    .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Ajouter"))),
                .el("h2", .cls("fr-mt-5w"), .txt("Invitations et présences")),
                attendance(model, url: url, section: section),
                .el(
                    "h2", .cls("fr-mt-5w"),
                    .txt("Compte rendu — \(MinutesStatus(rawValue: meeting.minutesStatus)?.label ?? "")")),
                approved
                    ? .group(
                        .el("div", .cls("jalon-minutes"), .txt(meeting.minutes)),
                        .postForm(
                            .committees, .attr("action", url), .cls("jalon-inline"), section("reopen"),
                            UI.input(id: "cr-motif", name: "reason", label: "Motif de réouverture", value: ""),
                            .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Rouvrir"))))
                    : .group(
                        .postForm(
                            .committees, .attr("action", url), section("minutes"),
                            UI.hidden("version", "\(meeting.version)"),
                            UI.textarea(
                                id: "cr-texte", name: "minutes", label: "Compte rendu", value: meeting.minutes,
                                rows: 8),
                            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer le brouillon"))),
                        .when(
                            meeting.minutesStatus == MinutesStatus.draft.rawValue,
                            .postForm(
                                .committees, .attr("action", url), section("approve"),
                                .el(
                                    "button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"),
                                    .txt("Approuver le compte rendu"))))),
                .el("h2", .cls("fr-mt-5w"), .txt("Décisions")),
                decisions(model.decisions, url: url, section: section, caption: "Décisions de la réunion"),
                .postForm(
                    .committees, .attr("action", url), section("decision"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.input(id: "decision-texte", name: "text", label: "Décision", value: "")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "decision-responsable", name: "owner", label: "Responsable", value: "")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "decision-echeance", name: "due", label: "Échéance", value: "", hint: "31/03/2027"))
                    ),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Ajouter la décision")
                    )),
                .el("h2", .cls("fr-mt-5w"), .txt("Relevé des décisions précédentes encore ouvertes")),
                decisions(
                    model.openBefore, url: url, section: section, caption: "Décisions ouvertes des réunions précédentes"
                )))
    }

    static func attendance(_ model: Model, url: String, section: (String) -> HNode) -> HNode {
        .group(
            model.attendance.isEmpty
                ? .el("p", .txt("Personne n'est encore invité."))
                : UI.table(
                    caption: "Présences",
                    headers: [("Membre", false), ("Organisation", false), ("Présence", false), ("", false)],
                    rows: model.attendance.map { attendee in
                        [
                            .txt(attendee.name), .txt(attendee.organisation ?? "—"),
                            .txt(
                                (Presence(rawValue: attendee.presence)?.label ?? attendee.presence)
                                    + (attendee.representedBy.isEmpty ? "" : " par \(attendee.representedBy)")),
                            .postForm(
                                .committees, .attr("action", url), .cls("jalon-inline"), section("presence"),
                                UI.hidden("contact", attendee.contactID.uuidString),
                                UI.select(
                                    id: "presence-\(attendee.contactID.uuidString.lowercased())", name: "presence",
                                    label: "Présence de \(attendee.name)",
                                    options: Presence.allCases.map { ($0.rawValue, $0.label) },
                                    selected: attendee.presence),
                                UI.input(
                                    id: "represente-\(attendee.contactID.uuidString.lowercased())",
                                    name: "represented_by",
                                    label: "Représenté par", value: attendee.representedBy),
                                .el(
                                    "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                    .txt("Enregistrer")))
                        ]
                    }),
            .when(
                !model.presentByOrganisation.isEmpty,
                .el(
                    "p",
                    .txt(
                        "Présents ou représentés : "
                            + model.presentByOrganisation.map { "\($0.0) \($0.1)" }.joined(separator: ", ")))),
            .postForm(
                .committees, .attr("action", url), section("invite"),
                .el(
                    "button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"),
                    .txt("Inviter les membres du comité"))))
    }

    static func decisions(
        _ decisions: [MeetingQuery.Decision], url: String, section: (String) -> HNode, caption: String
    ) -> HNode {
        decisions.isEmpty
            ? .el("p", .txt("Aucune décision."))
            : UI.table(
                caption: caption,
                headers: [
                    ("Réunion", false), ("Décision", false), ("Responsable", false), ("Échéance", false),
                    ("Statut", false), ("Suite", false)
                ],
                rows: decisions.map { decision in
                    let id = decision.id.uuidString.lowercased()
                    return [
                        .txt(Format.date(iso: decision.day)), .txt(decision.text),
                        .txt(decision.owner.isEmpty ? "—" : decision.owner),
                        .txt(decision.dueOn.map { Format.date(iso: $0) } ?? "—"),
                        .txt(DecisionStatus(rawValue: decision.status)?.label ?? decision.status),
                        .group(
                            decision.taskID == nil
                                ? .postForm(
                                    .committees, .attr("action", url), .cls("jalon-inline"), section("task"),
                                    UI.hidden("decision", id),
                                    .el(
                                        "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                        .txt("En faire une tâche")))
                                : .link(SiteURL.tasks.path, .txt("Tâche du tableau")),
                            .when(
                                decision.status == DecisionStatus.open.rawValue,
                                .postForm(
                                    .committees, .attr("action", url), .cls("jalon-inline"), section("decision-status"),
                                    UI.hidden("decision", id),
                                    UI.hidden("status", DecisionStatus.done.rawValue),
                                    .el(
                                        "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                        .txt("Marquer réalisée")))))
                    ]
                })
    }
}
