import JalonCore
import Plot

extension FicheShow {
    static func render(_ model: Model) -> String {
        let url = SiteURL.fiche(model.code).with([("feuille", model.roadmap.code)])
        return Layout(
            title: model.title, section: .roadmap,
            breadcrumb: [
                ("Feuille de route", SiteURL.roadmap.with([("feuille", model.roadmap.code)])), (model.title, url)
            ]
        ).render(
            .group(
                UI.h1("Fiche synthèse — \(model.title)"),
                .when(!model.objective.isEmpty, .el("p", .cls("fr-text--lead"), .txt(model.objective))),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Modification refusée")),
                .el("h2", .txt("Objectifs")),
                paragraphs(model.objectivesText, empty: "Objectifs à rédiger."),
                .el("h2", .txt("Indicateurs — photo au \(Format.date(iso: model.at.iso)), \(model.territory.name)")),
                indicatorTable(
                    model.indicators.filter { $0.role != "complementaire" },
                    caption: "Indicateurs de la fiche \(model.title)",
                    model: model, url: url),
                .when(
                    model.indicators.contains { $0.role == "complementaire" },
                    .group(
                        .el("h3", .txt("Indicateurs régionaux complémentaires")),
                        indicatorTable(
                            model.indicators.filter { $0.role == "complementaire" },
                            caption: "Indicateurs régionaux complémentaires de la fiche \(model.title)", model: model,
                            url: url))),
                attachForm(model, url: url),
                .el("h2", .txt("Actions")),
                actionsSection(model, url: url),
                .el("h2", .txt("Calendrier et RACI")),
                model.actions.isEmpty
                    ? .el("p", .txt("Aucune action."))
                    : .group(
                        .postForm(
                            .regional, .attr("action", url), .cls("jalon-edit"),
                            .void("input", [("type", "hidden"), ("name", "section"), ("value", "calendar")]),
                            .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(model.version)")]),
                            UI.table(
                                caption: "Charge de travail par semestre (0 à 3)",
                                headers: [("Action", false)] + model.semesters.map { ($0.label, false) },
                                rows: model.actions.map { action in
                                    [.txt("\(action.number). \(action.title)")]
                                        + model.semesters.map { semester in
                                            let key = "\(action.id)|\(semester.description)"
                                            let intensity = model.calendar[key] ?? 0
                                            return .group(
                                                .el(
                                                    "span", .cls("jalon-print"),
                                                    .txt(String(repeating: "✓", count: intensity))),
                                                .el(
                                                    "label", .cls("fr-sr-only"),
                                                    .attr("for", "cal-\(action.number)-\(semester.description)"),
                                                    .txt("Charge de l'action \(action.number) en \(semester.label)")),
                                                .el(
                                                    "select", .cls("fr-select jalon-noprint"),
                                                    .attr("id", "cal-\(action.number)-\(semester.description)"),
                                                    .attr("name", "cell[\(key)]"),
                                                    .each([0, 1, 2, 3]) { level in
                                                        .el(
                                                            "option", .attr("value", "\(level)"),
                                                            .when(level == intensity, .attr("selected", "selected")),
                                                            .txt(
                                                                level == 0 ? "—" : String(repeating: "✓", count: level))
                                                        )
                                                    }))
                                        }
                                }),
                            .el(
                                "button", .cls("fr-btn fr-btn--secondary jalon-noprint"), .attr("type", "submit"),
                                .txt("Enregistrer le calendrier"))),
                        raciSection(model, url: url)),
                .el("h2", .txt("Éléments de contexte")),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"), .el("h3", .txt("Leviers")),
                        paragraphs(model.levers, empty: "—")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"), .el("h3", .txt("Freins")),
                        paragraphs(model.obstacles, empty: "—"))),
                .el("h2", .txt("Contacts")),
                paragraphs(model.contacts, empty: "Aucun contact renseigné."),
                .el(
                    "details", .cls("jalon-noprint fr-mt-3w"),
                    .el("summary", .txt("Modifier les textes de la fiche")),
                    .postForm(
                        .regional, .attr("action", url),
                        .void("input", [("type", "hidden"), ("name", "section"), ("value", "texts")]),
                        .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(model.version)")]),
                        UI.textarea(
                            id: "fiche-objectifs", name: "objectives", label: "Objectifs", value: model.objectivesText),
                        UI.textarea(id: "fiche-leviers", name: "levers", label: "Leviers", value: model.levers),
                        UI.textarea(id: "fiche-freins", name: "obstacles", label: "Freins", value: model.obstacles),
                        UI.textarea(
                            id: "fiche-contacts", name: "contacts",
                            label: "Contacts (un par ligne : nom — organisation — rôle)", value: model.contacts),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer")))),
                .when(
                    !model.history.isEmpty,
                    .el(
                        "div", .cls("jalon-noprint fr-mt-5w"),
                        .el("h2", .txt("Historique")),
                        HistoryTable.render(model.history, caption: "Historique de la fiche")
                    ))))
    }

    static func actionsSection(_ model: Model, url: String) -> HNode {
        let statuses = FicheService.actionStatuses.map { ($0.code, $0.label) }
        let pilots = [("", "—")] + model.organisations.map { ($0.code, $0.name) }
        func form(_ action: Action?) -> HNode {
            let id = action?.number.description ?? "nouvelle"
            return .postForm(
                .regional, .attr("action", url),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "action")]),
                .when(
                    action != nil,
                    .void("input", [("type", "hidden"), ("name", "action_id"), ("value", action?.id ?? "")])),
                .when(
                    action != nil,
                    .void(
                        "input", [("type", "hidden"), ("name", "action_version"), ("value", "\(action?.version ?? 1)")])
                ),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(
                            id: "action-\(id)-titre", name: "title", label: "Titre", value: action?.title,
                            required: true)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.select(
                            id: "action-\(id)-pilote", name: "pilot", label: "Pilote", options: pilots,
                            selected: action?.pilot)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.select(
                            id: "action-\(id)-statut", name: "status", label: "Statut", options: statuses,
                            selected: action?.status ?? "a_faire")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.textarea(
                            id: "action-\(id)-description", name: "description", label: "Description",
                            value: action?.description, rows: 2)),
                    .el(
                        "div", .cls("fr-col-6 fr-col-md-3"),
                        UI.input(
                            id: "action-\(id)-debut", name: "start", label: "Début", value: action?.start, type: "date")
                    ),
                    .el(
                        "div", .cls("fr-col-6 fr-col-md-3"),
                        UI.input(id: "action-\(id)-fin", name: "end", label: "Fin", value: action?.end, type: "date"))),
                .el(
                    "button", .cls("fr-btn fr-btn--sm"), .attr("type", "submit"),
                    .txt(action == nil ? "Ajouter l'action" : "Enregistrer l'action")))
        }
        return .group(
            .el(
                "ol",
                .each(model.actions) { action in
                    .el(
                        "li", .el("strong", .txt(action.title)),
                        .txt(
                            " — "
                                + (FicheService.actionStatuses.first { $0.code == action.status }?.label
                                    ?? action.status)
                        ),
                        .when(action.pilot != nil, .txt(" · pilote : \(action.pilot ?? "")")),
                        .when(
                            action.start != nil || action.end != nil,
                            .txt(
                                " · \(action.start.map { Format.date(iso: $0) } ?? "…") → "
                                    + "\(action.end.map { Format.date(iso: $0) } ?? "…")"
                            )),
                        .when(!action.description.isEmpty, .el("p", .cls("fr-text--sm"), .txt(action.description))),
                        .el("details", .cls("jalon-noprint"), .el("summary", .txt("Modifier")), form(action)))
                }),
            .el("details", .cls("jalon-noprint"), .el("summary", .txt("Ajouter une action")), form(nil)))
    }

    static func paragraphs(_ text: String, empty: String) -> HNode {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        if lines.isEmpty { return .el("p", .cls("fr-text--sm"), .txt(empty)) }
        return .el("ul", .each(lines) { .el("li", .txt($0)) })
    }

    static func indicatorTable(_ rows: [IndicatorRow], caption: String, model: Model, url: String) -> HNode {
        UI.table(
            caption: caption,
            headers: [
                ("Service", false), ("Secteur", false), ("Indicateur", false), ("Cible", false), ("Source", false),
                ("Photo à date", false), ("Statut", false), ("", false)
            ],
            rows: rows.map { row in
                [
                    .txt(row.service), .txt(row.couloir),
                    .group(.link(SiteURL.indicator(row.code).path, .el("code", .txt(row.code))), .txt(" \(row.label)")),
                    .txt(row.target), .txt(row.source), .txt(row.photo),
                    UI.badge(row.status.label, kind: IndicatorFormat.badgeKind(row.status)),
                    .postForm(
                        .regional, .attr("action", url), .cls("jalon-edit"),
                        .void("input", [("type", "hidden"), ("name", "section"), ("value", "detach")]),
                        .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(model.version)")]),
                        .void("input", [("type", "hidden"), ("name", "indicator"), ("value", row.code)]),
                        .el(
                            "button", .attr("type", "submit"), .cls("fr-btn fr-btn--tertiary fr-btn--sm"),
                            .attr("title", "Retirer \(row.code) de la fiche"), .txt("Retirer")))
                ]
            })
    }

    /// Attach any indicator — national, regional, computed or brought by a profile — in either table.
    static func attachForm(_ model: Model, url: String) -> HNode {
        .when(
            !model.attachable.isEmpty,
            .postForm(
                .regional, .attr("action", url), .cls("jalon-edit fr-mb-3w"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "attach")]),
                .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(model.version)")]),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.select(
                            id: "fiche-indicateur", name: "indicator", label: "Rattacher un indicateur",
                            options: model.attachable.map { ($0.code, "\($0.code) — \($0.label.prefix(90))") },
                            selected: nil)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-4"),
                        UI.select(
                            id: "fiche-role", name: "role", label: "Tableau",
                            options: FicheService.indicatorRoles.map { ($0.code, "Indicateur \($0.label)") },
                            selected: "national")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                        .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Rattacher"))))))
    }

    /// The RACI matrix: a row per action and audience, a column per organisation, each cell any
    /// combination of R, A, C, I; rows for an audience are added without JavaScript (`?cible=`), and the
    /// whole matrix goes out and comes back as CSV.
    static func raciSection(_ model: Model, url: String) -> HNode {
        let csv = SiteURL.ficheRACI(model.code).with([("feuille", model.roadmap.code)])
        return .group(
            .postForm(
                .regional, .attr("action", url), .cls("jalon-edit"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "raci")]),
                .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(model.version)")]),
                UI.table(
                    caption: "RACI par action, cible et organisation (R réalise, A approuve, C contribue, I informé)",
                    headers: [("Action", false), ("Cible", false)] + model.organisations.map { ($0.code, false) },
                    rows: model.raciRows.map { row in
                        [
                            .txt("\(row.actionNumber). \(row.actionTitle)"),
                            .txt(FicheService.audienceLabel(row.audience))
                        ]
                            + model.organisations.map { organisation in
                                let key = FicheService.raciKey(
                                    action: row.actionID, organisation: organisation.code, audience: row.audience)
                                let role = model.raci[key] ?? ""
                                let id =
                                    "raci-\(row.actionNumber)-\(organisation.code)"
                                    + (row.audience.isEmpty ? "" : "-\(row.audience)")
                                return .group(
                                    .el("span", .cls("jalon-print"), .txt(role)),
                                    .el(
                                        "label", .cls("fr-sr-only"), .attr("for", id),
                                        .txt(
                                            "Rôle de \(organisation.name) pour l'action \(row.actionNumber), "
                                                + FicheService.audienceLabel(row.audience).lowercased())),
                                    .el(
                                        "select", .cls("fr-select jalon-noprint"), .attr("id", id),
                                        .attr("name", "cell[\(key)]"),
                                        .each(FicheService.raciChoices(keeping: role)) { choice in
                                            .el(
                                                "option", .attr("value", choice),
                                                .when(choice == role, .attr("selected", "selected")),
                                                .txt(choice.isEmpty ? "—" : choice))
                                        }))
                            }
                    }),
                .el(
                    "button", .cls("fr-btn fr-btn--secondary jalon-noprint"), .attr("type", "submit"),
                    .txt("Enregistrer le RACI"))),
            .when(
                !model.raciRows.isEmpty,
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.fiche(model.code).path),
                    .cls("jalon-edit jalon-noprint fr-mt-2w"),
                    .attr("aria-label", "Ajouter une ligne de cible au RACI"),
                    .void("input", [("type", "hidden"), ("name", "feuille"), ("value", model.roadmap.code)]),
                    .each(model.raciRows.filter { !$0.audience.isEmpty }) { row in
                        .void(
                            "input",
                            [("type", "hidden"), ("name", "cible"), ("value", "\(row.actionNumber):\(row.audience)")])
                    },
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-5"),
                            UI.select(
                                id: "raci-ligne-action", name: "cible_action", label: "Action",
                                options: model.actions.map { ("\($0.number)", "\($0.number). \($0.title)") },
                                selected: nil)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.select(
                                id: "raci-ligne-cible", name: "cible_public", label: "Cible",
                                options: FicheService.audiences.map { ($0.code, $0.label) }, selected: nil)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3 jalon-form-end"),
                            .el(
                                "button", .attr("type", "submit"), .cls("fr-btn fr-btn--tertiary"),
                                .txt("Ajouter une ligne de cible")))))),
            .el(
                "p", .cls("jalon-noprint fr-mt-2w"),
                .link(csv, .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("Exporter la matrice en CSV"))
            ),
            .postForm(
                .regional, .attr("action", url), .attr("enctype", "multipart/form-data"),
                .cls("jalon-edit jalon-noprint"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "raci-csv")]),
                .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(model.version)")]),
                .el(
                    "div", .cls("fr-upload-group"),
                    .el(
                        "label", .cls("fr-label"), .attr("for", "raci-fichier"),
                        .txt("Remplacer la matrice par un fichier CSV"),
                        .el(
                            "span", .cls("fr-hint-text"),
                            .txt("Colonnes action;cible;puis une par organisation ; tout ou rien."))),
                    .void(
                        "input",
                        [
                            ("class", "fr-upload"), ("type", "file"), ("id", "raci-fichier"), ("name", "file"),
                            ("accept", ".csv,.txt")
                        ])),
                .el("button", .cls("fr-btn fr-btn--secondary fr-mt-1w"), .attr("type", "submit"), .txt("Importer"))))
    }
}
