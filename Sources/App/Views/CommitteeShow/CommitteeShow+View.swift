import JalonCore
import Plot

extension CommitteeShow {
    static func render(_ model: Model) -> String {
        let committee = model.committee
        let url = SiteURL.committee(committee.code).path
        return Layout(
            title: committee.name, section: .committees,
            breadcrumb: [("Comités", SiteURL.committees.path), (committee.name, url)]
        ).render(
            .group(
                UI.h1(committee.name),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                UI.keyValueTable(
                    caption: "Le comité",
                    rows: [
                        ("Type", .txt(committee.kindLabel)), ("Territoire", .txt(model.territoryName ?? "Région")),
                        ("Fréquence", .txt(committee.frequency)),
                        ("Organisations", .txt(committee.organisations.isEmpty ? "—" : committee.organisations)),
                        ("Objectifs", .txt(committee.objectives.isEmpty ? "—" : committee.objectives)),
                        (
                            "Ordre du jour type",
                            AgendaTemplate.items(committee.agendaTemplate).isEmpty
                                ? .txt("—")
                                : .el(
                                    "ol",
                                    .group(
                                        AgendaTemplate.items(committee.agendaTemplate).map { item in
                                            .el(
                                                "li",
                                                .txt(
                                                    "\(item.title) (\(item.minutes) min)"
                                                        + (item.speakers.isEmpty ? "" : " — \(item.speakers)")))
                                        }))
                        )
                    ]),
                editForm(committee, url: url),
                .el("h2", .cls("fr-mt-5w"), .txt("Membres")),
                model.members.isEmpty
                    ? .el("p", .txt("Aucun membre pour l'instant."))
                    : UI.table(
                        caption: "Membres du comité",
                        headers: [
                            ("Membre", false), ("Organisation", false), ("Fonction", false), ("Rôle", false),
                            ("", false)
                        ],
                        rows: model.members.map { member in
                            [
                                .txt(member.name), .txt(member.organisation ?? "—"), .txt(member.function),
                                .txt(member.role),
                                .postForm(
                                    .committees, .attr("action", url), .cls("jalon-inline"),
                                    UI.hidden("section", "remove-member"),
                                    UI.hidden("contact", member.contactID.uuidString),
                                    .el(
                                        "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                        .attr("aria-label", "Retirer \(member.name) du comité"), .txt("Retirer")))
                            ]
                        }),
                .when(
                    !model.contacts.isEmpty,
                    .postForm(
                        .committees, .attr("action", url), .cls("jalon-inline"),
                        .void("input", [("type", "hidden"), ("name", "section"), ("value", "member")]),
                        UI.select(
                            id: "membre-contact", name: "contact", label: "Contact de l'annuaire",
                            options: model.contacts.map { ($0.id, $0.label) }, selected: nil),
                        UI.select(
                            id: "membre-role", name: "role", label: "Rôle",
                            options: CommitteeService.roles.map { ($0, $0) }, selected: "membre"),
                        .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Ajouter")))),
                follows(model, url: url),
                .el("h2", .cls("fr-mt-5w"), .txt("Réunions")),
                model.meetings.isEmpty
                    ? .el("p", .txt("Aucune réunion : proposez le programme de l'année."))
                    : UI.table(
                        caption: "Réunions du comité",
                        headers: [
                            ("Date", false), ("Heure", false), ("Durée", false), ("Lieu", false), ("Statut", false)
                        ],
                        rows: model.meetings.map { meeting in
                            [
                                .link(
                                    SiteURL.meeting(meeting.id.uuidString.lowercased()).path,
                                    .txt(Format.date(iso: meeting.day))), .txt(meeting.startTime),
                                .txt("\(meeting.durationMinutes) min"),
                                .txt(meeting.place.isEmpty ? "—" : meeting.place),
                                .txt(MeetingStatus(rawValue: meeting.status)?.label ?? meeting.status)
                            ]
                        }),
                .postForm(
                    .committees, .attr("action", url), .cls("jalon-inline"),
                    .void("input", [("type", "hidden"), ("name", "section"), ("value", "programme")]),
                    UI.input(
                        id: "programme-annee", name: "year", label: "Année", value: "\(model.nextYear)",
                        type: "number"),
                    .el(
                        "button", .cls("fr-btn"), .attr("type", "submit"),
                        .txt("Proposer le programme de l'année (\(committee.frequency))"))),
                meetingForm(url: url),
                .el("h2", .cls("fr-mt-5w"), .attr("id", "decisions"), .txt("Décisions ouvertes")),
                openDecisions(model.openDecisions),
                feeds(model, url: url)))
    }

    /// The fiches the committee follows: its pack shows their indicators only.
    static func follows(_ model: Model, url: String) -> HNode {
        .group(
            .el("h2", .cls("fr-mt-5w"), .attr("id", "suivi"), .txt("Fiches suivies")),
            model.followed.isEmpty
                ? .el(
                    "p", .txt("Le comité suit toute la feuille de route : son dossier en montre tous les indicateurs."))
                : .el(
                    "ul",
                    .group(
                        model.followed.map { fiche in
                            .el(
                                "li", .txt(fiche.title.isEmpty ? fiche.code : "\(fiche.code) — \(fiche.title)"),
                                .postForm(
                                    .committees, .attr("action", url), .cls("jalon-inline"),
                                    UI.hidden("section", "unfollow"), UI.hidden("fiche", fiche.code),
                                    .el(
                                        "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                        .attr("aria-label", "Ne plus suivre la fiche \(fiche.code)"),
                                        .txt("Ne plus suivre"))))
                        })),
            .when(
                !model.fiches.isEmpty,
                .postForm(
                    .committees, .attr("action", url), .cls("jalon-inline"), UI.hidden("section", "follow"),
                    UI.select(
                        id: "suivi-fiche", name: "fiche", label: "Fiche de la feuille de route",
                        options: model.fiches.map { ($0.code, "\($0.code) — \($0.title)") }, selected: nil),
                    .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Suivre")))))
    }

    /// One meeting outside the programme; it starts with the committee's agenda template.
    static func meetingForm(url: String) -> HNode {
        .postForm(
            .committees, .attr("action", url), .cls("fr-mt-3w"), UI.hidden("section", "meeting"),
            .el(
                "fieldset", .cls("fr-fieldset"),
                .el("legend", .cls("fr-fieldset__legend"), .txt("Planifier une réunion")),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(id: "reunion-jour", name: "day", label: "Date", value: "", type: "date")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.input(id: "reunion-heure", name: "start_time", label: "Heure", value: "14:00", type: "time")
                    ),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.input(
                            id: "reunion-duree", name: "duration_minutes", label: "Durée (min)", value: "",
                            type: "number")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-5"),
                        UI.input(id: "reunion-lieu", name: "place", label: "Lieu", value: "")),
                    .el(
                        "div", .cls("fr-col-12"),
                        UI.input(
                            id: "reunion-visio", name: "video_url", label: "Lien de visioconférence (https://…)",
                            value: ""))),
                .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Planifier"))))
    }

    /// Each open decision with the meeting it was taken in, its owner, its due date and its task.
    static func openDecisions(_ decisions: [MeetingQuery.Decision]) -> HNode {
        decisions.isEmpty
            ? .el("p", .txt("Aucune décision ouverte."))
            : UI.table(
                caption: "Décisions ouvertes du comité",
                headers: [
                    ("Réunion", false), ("Décision", false), ("Responsable", false), ("Échéance", false),
                    ("Suite", false)
                ],
                rows: decisions.map { decision in
                    [
                        .link(
                            SiteURL.meeting(decision.meetingID.uuidString.lowercased()).path,
                            .txt(Format.date(iso: decision.day))),
                        .txt(decision.text), .txt(decision.owner.isEmpty ? "—" : decision.owner),
                        .txt(decision.dueOn.map { Format.date(iso: $0) } ?? "—"),
                        decision.taskID == nil ? .txt("—") : .link(SiteURL.tasks.path, .txt("Tâche du tableau"))
                    ]
                })
    }

    /// Calendar subscriptions: the committee's and its members', each revocable; a new address is shown once.
    static func feeds(_ model: Model, url: String) -> HNode {
        .group(
            .el("h2", .cls("fr-mt-5w"), .attr("id", "calendrier"), .txt("Abonnements calendrier")),
            .unwrap(model.newFeedURL) { address in
                UI.alert(
                    "Adresse d'abonnement (affichée une seule fois, à copier dans votre agenda) : \(address)",
                    kind: "info", title: "Abonnement créé")
            },
            model.feeds.isEmpty
                ? .el("p", .txt("Aucun abonnement."))
                : UI.table(
                    caption: "Abonnements calendrier",
                    headers: [("Abonnement", false), ("Créé le", false), ("Par", false), ("État", false)],
                    rows: model.feeds.map { feed in
                        [
                            .txt(feed.label), .txt(Format.date(feed.createdAt)), .txt(feed.createdBy),
                            feed.revokedAt.map { .txt("Révoqué le \(Format.date($0))") }
                                ?? .postForm(
                                    .committees, .attr("action", url), .cls("jalon-inline"),
                                    UI.hidden("section", "feed-revoke"), UI.hidden("feed", feed.id.uuidString),
                                    .el(
                                        "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                        .txt("Révoquer")))
                        ]
                    }),
            .postForm(
                .committees, .attr("action", url), .cls("jalon-inline"), UI.hidden("section", "feed"),
                UI.select(
                    id: "abonnement-pour", name: "contact", label: "Abonnement aux réunions",
                    options: [("", "du comité")] + model.members.map { ($0.contactID.uuidString, "de \($0.name)") },
                    selected: ""),
                .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Créer l'adresse"))))
    }

    /// The committee's definition, edited in place (optimistic version: a form from an older page is refused).
    static func editForm(_ committee: CommitteeQuery.Committee, url: String) -> HNode {
        .el(
            "details", .cls("fr-mt-3w"), .el("summary", .txt("Modifier le comité")),
            .postForm(
                .committees, .attr("action", url), UI.hidden("section", "edit"),
                UI.hidden("version", "\(committee.version)"), CommitteeForm.fields(committee),
                .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer le comité"))))
    }
}
