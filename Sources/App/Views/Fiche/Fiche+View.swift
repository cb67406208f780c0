import JalonCore
import Plot

extension FichePage {
    static func render(_ m: Model) -> String {
        let url = SiteURL.fiche(m.code).path
        let parties: [(kind: String, code: String, label: String)] =
            m.organisations.map { ("organisation", $0.code, $0.code) }
            + FicheService.audiences.map { ("audience", $0.code, $0.label) }
        return Layout(
            title: m.title, section: .roadmap, breadcrumb: [("Feuille de route", SiteURL.roadmap.path), (m.title, url)]
        ).render(
            .group(
                UI.h1("Fiche synthèse — \(m.title)"),
                .when(!m.objective.isEmpty, .el("p", .cls("fr-text--lead"), .txt(m.objective))),
                .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Modification refusée")),
                .el("h2", .txt("Objectifs")),
                paragraphs(m.objectivesText, empty: "Objectifs à rédiger."),
                .el("h2", .txt("Indicateurs — photo au \(Format.date(iso: m.at.iso)), \(m.territory.name)")),
                UI.table(
                    caption: "Indicateurs de la fiche \(m.title)",
                    headers: [
                        ("Service", false), ("Secteur", false), ("Indicateur", false), ("Cible", false),
                        ("Source", false), ("Photo à date", false), ("Statut", false)
                    ],
                    rows: m.indicators.map { r in
                        [
                            .txt(r.service), .txt(r.couloir),
                            .group(
                                .link(SiteURL.indicator(r.code).path, .el("code", .txt(r.code))), .txt(" \(r.label)")),
                            .txt(r.target), .txt(r.source), .txt(r.photo),
                            UI.badge(r.status.label, kind: IndicatorFormat.badgeKind(r.status))
                        ]
                    }),
                .el("h2", .txt("Actions")),
                actionsSection(m, url: url),
                .el("h2", .txt("Calendrier et RACI")),
                m.actions.isEmpty
                    ? .el("p", .txt("Aucune action."))
                    : .group(
                        .postForm(
                            .regional, .attr("action", url), .cls("jalon-edit"),
                            .void("input", [("type", "hidden"), ("name", "section"), ("value", "calendar")]),
                            .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(m.version)")]),
                            UI.table(
                                caption: "Charge de travail par semestre (0 à 3)",
                                headers: [("Action", false)] + m.semesters.map { ($0.label, false) },
                                rows: m.actions.map { a in
                                    [.txt("\(a.number). \(a.title)")]
                                        + m.semesters.map { p in
                                            let key = "\(a.id)|\(p.description)"
                                            let v = m.calendar[key] ?? 0
                                            return .group(
                                                .el(
                                                    "span", .cls("jalon-print"), .txt(String(repeating: "✓", count: v))),
                                                .el(
                                                    "label", .cls("fr-sr-only"),
                                                    .attr("for", "cal-\(a.number)-\(p.description)"),
                                                    .txt("Charge de l'action \(a.number) en \(p.label)")),
                                                .el(
                                                    "select", .cls("fr-select jalon-noprint"),
                                                    .attr("id", "cal-\(a.number)-\(p.description)"),
                                                    .attr("name", "cell[\(key)]"),
                                                    .each([0, 1, 2, 3]) { i in
                                                        .el(
                                                            "option", .attr("value", "\(i)"),
                                                            .when(i == v, .attr("selected", "selected")),
                                                            .txt(i == 0 ? "—" : String(repeating: "✓", count: i)))
                                                    }))
                                        }
                                }),
                            .el(
                                "button", .cls("fr-btn fr-btn--secondary jalon-noprint"), .attr("type", "submit"),
                                .txt("Enregistrer le calendrier"))),
                        .postForm(
                            .regional, .attr("action", url), .cls("jalon-edit"),
                            .void("input", [("type", "hidden"), ("name", "section"), ("value", "raci")]),
                            .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(m.version)")]),
                            UI.table(
                                caption:
                                    "RACI par organisation pilote et par public (R réalise, A approuve, C contribue, I informé)",
                                headers: [("Action", false)] + parties.map { ($0.label, false) },
                                rows: m.actions.map { a in
                                    [.txt("\(a.number). \(a.title)")]
                                        + parties.map { p in
                                            let key = "\(a.id)|\(p.kind)|\(p.code)"
                                            let v = m.raci[key] ?? ""
                                            return .group(
                                                .el("span", .cls("jalon-print"), .txt(v)),
                                                .el(
                                                    "label", .cls("fr-sr-only"),
                                                    .attr("for", "raci-\(a.number)-\(p.code)"),
                                                    .txt("Rôle de \(p.label) pour l'action \(a.number)")),
                                                .el(
                                                    "select", .cls("fr-select jalon-noprint"),
                                                    .attr("id", "raci-\(a.number)-\(p.code)"),
                                                    .attr("name", "cell[\(key)]"),
                                                    .each(["", "R", "A", "C", "I"]) { r in
                                                        .el(
                                                            "option", .attr("value", r),
                                                            .when(r == v, .attr("selected", "selected")),
                                                            .txt(r.isEmpty ? "—" : r))
                                                    }))
                                        }
                                }),
                            .el(
                                "button", .cls("fr-btn fr-btn--secondary jalon-noprint"), .attr("type", "submit"),
                                .txt("Enregistrer le RACI")))),
                .el("h2", .txt("Éléments de contexte")),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"), .el("h3", .txt("Leviers")),
                        paragraphs(m.levers, empty: "—")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"), .el("h3", .txt("Freins")),
                        paragraphs(m.obstacles, empty: "—"))),
                .el("h2", .txt("Contacts")),
                paragraphs(m.contacts, empty: "Aucun contact renseigné."),
                .el(
                    "details", .cls("jalon-noprint fr-mt-3w"),
                    .el("summary", .txt("Modifier les textes de la fiche")),
                    .postForm(
                        .regional, .attr("action", url),
                        .void("input", [("type", "hidden"), ("name", "section"), ("value", "texts")]),
                        .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(m.version)")]),
                        UI.textarea(
                            id: "fiche-objectifs", name: "objectives", label: "Objectifs", value: m.objectivesText),
                        UI.textarea(id: "fiche-leviers", name: "levers", label: "Leviers", value: m.levers),
                        UI.textarea(id: "fiche-freins", name: "obstacles", label: "Freins", value: m.obstacles),
                        UI.textarea(
                            id: "fiche-contacts", name: "contacts",
                            label: "Contacts (un par ligne : nom — organisation — rôle)", value: m.contacts),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer")))),
                .when(
                    !m.history.isEmpty,
                    .el(
                        "div", .cls("jalon-noprint fr-mt-5w"),
                        .el("h2", .txt("Historique")), AuditPage.table(m.history, caption: "Historique de la fiche")))))
    }

    static func actionsSection(_ m: Model, url: String) -> HNode {
        let statuses = FicheService.actionStatuses.map { ($0.code, $0.label) }
        let pilots = [("", "—")] + m.organisations.map { ($0.code, $0.name) }
        func form(_ a: Action?) -> HNode {
            let id = a?.number.description ?? "nouvelle"
            return .postForm(
                .regional, .attr("action", url),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "action")]),
                .when(a != nil, .void("input", [("type", "hidden"), ("name", "action_id"), ("value", a?.id ?? "")])),
                .when(
                    a != nil,
                    .void("input", [("type", "hidden"), ("name", "action_version"), ("value", "\(a?.version ?? 1)")])),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(
                            id: "action-\(id)-titre", name: "title", label: "Titre", value: a?.title, required: true)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.select(
                            id: "action-\(id)-pilote", name: "pilot", label: "Pilote", options: pilots,
                            selected: a?.pilot)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.select(
                            id: "action-\(id)-statut", name: "status", label: "Statut", options: statuses,
                            selected: a?.status ?? "a_faire")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.textarea(
                            id: "action-\(id)-description", name: "description", label: "Description",
                            value: a?.description, rows: 2)),
                    .el(
                        "div", .cls("fr-col-6 fr-col-md-3"),
                        UI.input(id: "action-\(id)-debut", name: "start", label: "Début", value: a?.start, type: "date")
                    ),
                    .el(
                        "div", .cls("fr-col-6 fr-col-md-3"),
                        UI.input(id: "action-\(id)-fin", name: "end", label: "Fin", value: a?.end, type: "date"))),
                .el(
                    "button", .cls("fr-btn fr-btn--sm"), .attr("type", "submit"),
                    .txt(a == nil ? "Ajouter l'action" : "Enregistrer l'action")))
        }
        return .group(
            .el(
                "ol",
                .each(m.actions) { a in
                    .el(
                        "li", .el("strong", .txt(a.title)),
                        .txt(" — \(FicheService.actionStatuses.first { $0.code == a.status }?.label ?? a.status)"),
                        .when(a.pilot != nil, .txt(" · pilote : \(a.pilot ?? "")")),
                        .when(
                            a.start != nil || a.end != nil,
                            .txt(
                                " · \(a.start.map { Format.date(iso: $0) } ?? "…") → \(a.end.map { Format.date(iso: $0) } ?? "…")"
                            )),
                        .when(!a.description.isEmpty, .el("p", .cls("fr-text--sm"), .txt(a.description))),
                        .el("details", .cls("jalon-noprint"), .el("summary", .txt("Modifier")), form(a)))
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
}
