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
                        ("Statut", .txt(MeetingStatus(rawValue: meeting.status)?.label ?? meeting.status)),
                        (
                            "Agenda",
                            .link(
                                SiteURL.meetingICS(meeting.id.uuidString.lowercased()).path,
                                .txt("Ajouter à mon agenda (.ics)"))
                        )
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
                agenda(model, url: url, section: section),
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
                    : !model.draftReadable
                        ? .el(
                            "p",
                            .txt(
                                meeting.minutesStatus == MinutesStatus.none.rawValue
                                    ? "Pas encore de compte rendu."
                                    : "Compte rendu en cours de rédaction : il sera lisible ici une fois approuvé."))
                        : .group(
                            .postForm(
                                .committees, .attr("action", url), section("minutes"),
                                UI.hidden("version", "\(meeting.version)"),
                                UI.textarea(
                                    id: "cr-texte", name: "minutes", label: "Compte rendu", value: meeting.minutes,
                                    rows: 8),
                                .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer le brouillon"))
                            ),
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
                        .el("div", .cls("fr-col-12"), subjectFields(prefix: "decision")),
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
                .el("h2", .cls("fr-mt-5w"), .txt("Points d'attention")),
                attention(model, url: url),
                .el("h2", .cls("fr-mt-5w"), .txt("Relevé des décisions précédentes encore ouvertes")),
                decisions(
                    model.openBefore, url: url, section: section, caption: "Décisions ouvertes des réunions précédentes"
                ),
                packs(model)))
    }

    /// The meeting's packs, frozen, and the form that generates one from a photo with the committee's
    /// template (each section's position; empty leaves it out).
    static func packs(_ model: Model) -> HNode {
        let id = model.meeting.id.uuidString.lowercased()
        let template = model.committee.packTemplate
        let positions = [("", "—")] + (1...PackSection.allCases.count).map { ("\($0)", "\($0)") }
        return .group(
            .el("h2", .cls("fr-mt-5w"), .attr("id", "dossiers"), .txt("Dossier de séance")),
            model.packs.isEmpty
                ? .el("p", .txt("Aucun dossier généré pour cette réunion."))
                : UI.table(
                    caption: "Dossiers générés",
                    headers: [
                        ("Généré le", false), ("Par", false), ("Pages", true), ("Empreintes", false),
                        ("Fichiers", false)
                    ],
                    rows: model.packs.map { pack in
                        let packID = pack.id.uuidString.lowercased()
                        return [
                            .txt(Format.date(pack.createdAt)), .txt(pack.createdBy), .txt("\(pack.pages)"),
                            .el(
                                "span", .cls("fr-text--xs"),
                                .txt("photo \(pack.snapshotSha256.prefix(12))… · PDF \(pack.pdfSha256.prefix(12))…")),
                            .group(
                                .link(SiteURL.meetingPack(id, packID, .pdf).path, .txt("PDF")), .txt(" · "),
                                .link(SiteURL.meetingPack(id, packID, .html).path, .txt("HTML")), .txt(" · "),
                                .link(SiteURL.meetingPack(id, packID, .xlsx).path, .txt("Tableaux XLSX")))
                        ]
                    }, numericColumns: [2]),
            model.photos.isEmpty
                ? .el("p", .txt("Validez une photo à date pour générer le dossier."))
                : .postForm(
                    .committees, .attr("action", SiteURL.meetingPacks(id).path),
                    UI.select(
                        id: "dossier-photo", name: "photo", label: "Photo à date",
                        options: model.photos.map {
                            ($0.id.uuidString.lowercased(), "\($0.name) — \(Format.date(iso: $0.asOf.iso))")
                        }, selected: model.photos.first?.id.uuidString.lowercased() ?? ""),
                    .el(
                        "fieldset", .cls("fr-fieldset"),
                        .el(
                            "legend", .cls("fr-fieldset__legend"),
                            .txt("Sections et leur ordre (enregistrés comme modèle du comité)")),
                        .el(
                            "div", .cls("fr-grid-row fr-grid-row--gutters"),
                            .group(
                                PackSection.allCases.map { section in
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-4"),
                                        UI.select(
                                            id: "position-\(section.rawValue)", name: "position_\(section.rawValue)",
                                            label: section.label, options: positions,
                                            selected: template.sections.firstIndex(of: section).map { "\($0 + 1)" }
                                                ?? ""))
                                }))),
                    UI.input(
                        id: "dossier-focus", name: "focus", label: "Indicateurs en focus", value: template.focusText,
                        hint: "codes séparés par des virgules, ex. O1-01, O3-09"),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Générer le dossier (PDF)"))))
    }

    /// Needs, blocking points, successes and risks: raised here, or still open from an earlier meeting.
    static func attention(_ model: Model, url: String) -> HNode {
        .group(
            model.attention.isEmpty
                ? .el("p", .txt("Aucun point d'attention."))
                : UI.table(
                    caption: "Points d'attention",
                    headers: [("Réunion", false), ("Type", false), ("Point", false), ("Suivi", false)],
                    rows: model.attention.map { point in
                        [
                            .txt(Format.date(iso: point.day)),
                            .txt(AttentionKind(rawValue: point.kind)?.label ?? point.kind), .txt(point.text),
                            point.status == "ouvert"
                                ? .postForm(
                                    .committees, .attr("action", url), .cls("jalon-inline"),
                                    UI.hidden("section", "attention-close"), UI.hidden("point", point.id.uuidString),
                                    .el(
                                        "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                        .txt("Clore")))
                                : .txt("Clos le \(point.closedOn.map { Format.date(iso: $0) } ?? "—")")
                        ]
                    }),
            .postForm(
                .committees, .attr("action", url), .cls("jalon-inline"), UI.hidden("section", "attention"),
                UI.select(
                    id: "attention-type", name: "kind", label: "Type",
                    options: AttentionKind.allCases.map { ($0.rawValue, $0.label) }, selected: "besoin"),
                UI.input(id: "attention-texte", name: "text", label: "Point d'attention", value: ""),
                .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Signaler"))))
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
            .when(model.participation.invited > 0, participation(model.participation)),
            .postForm(
                .committees, .attr("action", url), section("invite"),
                .el(
                    "button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"),
                    .txt("Inviter les membres du comité"))),
            mail(model, url: url, section: section))
    }

    static func agenda(_ model: Model, url: String, section: (String) -> HNode) -> HNode {
        func button(_ item: MeetingQuery.AgendaItem, move: String, label: String, text: String) -> HNode {
            .postForm(
                .committees, .attr("action", url), .cls("jalon-inline"), section("agenda-move"),
                UI.hidden("item", item.id.uuidString), UI.hidden("move", move),
                .el(
                    "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary-no-outline"), .attr("type", "submit"),
                    .attr("title", "\(label) « \(item.title) »"), .txt(text)))
        }
        return .group(
            model.agenda.isEmpty
                ? .el("p", .txt("Aucun point à l'ordre du jour."))
                : UI.table(
                    caption: "Ordre du jour",
                    headers: [
                        ("Durée", true), ("Point", false), ("Intervenants", false), ("Sujet", false), ("", false)
                    ],
                    rows: model.agenda.enumerated().map { index, item in
                        [
                            .txt("\(item.durationMinutes) min"), .txt(item.title), .txt(item.speakers),
                            subject(kind: item.linkKind, code: item.linkCode),
                            .group(
                                .when(index > 0, button(item, move: "up", label: "Monter", text: "↑")),
                                .when(
                                    index < model.agenda.count - 1,
                                    button(item, move: "down", label: "Descendre", text: "↓")),
                                button(item, move: "remove", label: "Retirer", text: "Retirer"))
                        ]
                    },
                    numericColumns: [0]),
            .postForm(
                .committees, .attr("action", url), section("agenda"),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(
                            id: "odj-point", name: "item", label: "Ajouter un point", value: "",
                            hint: "20 min | Titre | intervenants")),
                    .el("div", .cls("fr-col-12 fr-col-md-6"), subjectFields(prefix: "odj"))),
                .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Ajouter"))))
    }

    /// What an agenda item or a decision is about, chosen by kind and code.
    static func subjectFields(prefix: String) -> HNode {
        .el(
            "div", .cls("fr-grid-row fr-grid-row--gutters"),
            .el(
                "div", .cls("fr-col-5"),
                UI.select(
                    id: "\(prefix)-sujet-type", name: "subject_kind", label: "Sujet",
                    options: MeetingSubjectKind.allCases.map { ($0.rawValue, $0.label) }, selected: "fiche")),
            .el(
                "div", .cls("fr-col-7"),
                UI.input(
                    id: "\(prefix)-sujet-code", name: "subject_code", label: "Code du sujet", value: "",
                    hint: "O1-01, un code d'indicateur ou de territoire (facultatif)")))
    }

    static func subject(kind: String, code: String) -> HNode {
        guard let kind = MeetingSubjectKind(rawValue: kind), !code.isEmpty else { return .txt("—") }
        let path =
            switch kind {
            case .fiche: SiteURL.fiche(code).path
            case .indicator: SiteURL.indicator(code).path
            case .territory: SiteURL.territory(code).path
            }
        return .link(path, .txt("\(kind.label) \(code)"))
    }

    /// Invited and attending per organisation, département and profile, as seed 003 reports it.
    static func participation(_ participation: Participation) -> HNode {
        func table(_ caption: String, _ counts: [Participation.Count]) -> HNode {
            .el(
                "div", .cls("fr-col-12 fr-col-md-4"),
                UI.table(
                    caption: caption, headers: [(caption, false), ("Invités", true), ("Présents", true)],
                    rows: counts.map { [.txt($0.label), .txt("\($0.invited)"), .txt("\($0.attending)")] },
                    numericColumns: [1, 2]))
        }
        return .group(
            .el(
                "p",
                .txt(
                    "\(participation.attending) présent(s) ou représenté(s) sur \(participation.invited) invité(s)."
                )),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"), table("Organisation", participation.byOrganisation),
                table("Département", participation.byDepartment), table("Profil", participation.byProfile)))
    }

    static func decisions(
        _ decisions: [MeetingQuery.Decision], url: String, section: (String) -> HNode, caption: String
    ) -> HNode {
        decisions.isEmpty
            ? .el("p", .txt("Aucune décision."))
            : UI.table(
                caption: caption,
                headers: [
                    ("Réunion", false), ("Décision", false), ("Sujet", false), ("Responsable", false),
                    ("Échéance", false), ("Statut", false), ("Suite", false)
                ],
                rows: decisions.map { decision in
                    let id = decision.id.uuidString.lowercased()
                    return [
                        .txt(Format.date(iso: decision.day)), .txt(decision.text),
                        subject(kind: decision.linkKind, code: decision.linkCode),
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
