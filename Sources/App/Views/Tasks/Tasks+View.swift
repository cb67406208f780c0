import JalonCore
import Plot

extension TasksPage {
    static func render(_ m: Model) -> String {
        Layout(
            title: "Tâches", section: .roadmap,
            breadcrumb: [("Feuille de route", SiteURL.roadmap.path), ("Tâches", path)]
        ).render(
            .group(
                UI.h1("Tâches de la feuille de route"),
                .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Enregistrement refusé")),
                m.roadmap == nil
                    ? UI.alert(
                        "Aucune feuille de route : créez-en une avec « jalon roadmap template segur-2021-2023 », puis ajoutez-y des tâches."
                    )
                    : .group(
                        .el("p", .cls("fr-text--lead"), .txt(m.roadmap ?? "")), creationForm(m), filterForm(m),
                        board(m), history(m))))
    }

    static func history(_ m: Model) -> HNode {
        .group(
            .el("h2", .cls("fr-mt-5w"), .txt("Derniers mouvements")),
            m.history.isEmpty
                ? .el("p", .txt("Aucun mouvement enregistré."))
                : AuditPage.table(m.history, caption: "Derniers mouvements des tâches"))
    }

    static func creationForm(_ m: Model) -> HNode {
        let actions = [("", "— aucune —")] + m.actions.map { ($0.id, $0.label) }
        return .postForm(
            .tasks, .attr("action", path), .cls("fr-mb-4w"),
            .el(
                "fieldset", .cls("fr-fieldset"),
                .el("legend", .cls("fr-fieldset__legend"), .txt("Nouvelle tâche")),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(id: "tache-titre", name: "title", label: "Titre", value: m.form.title, required: true)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(
                            id: "tache-responsable", name: "assignee", label: "Responsable", value: m.form.assignee)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(
                            id: "tache-echeance", name: "due", label: "Échéance", value: m.form.due,
                            hint: "31/12/2022, 2022-12-31, fin 2022")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.select(
                            id: "tache-action", name: "action", label: "Action de la feuille de route",
                            options: actions, selected: m.form.action)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(
                            id: "tache-territoire", name: "territory", label: "Territoire", value: m.form.territory,
                            hint: "Code ou nom ; vide = régional")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3 jalon-form-end"),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Créer la tâche"))))))
    }

    static func filterForm(_ m: Model) -> HNode {
        let options =
            [("", "Tous")] + m.assignees.map { ($0, $0) }
            + (m.filter.map { f in m.assignees.contains(f) ? [] : [(f, f)] } ?? [])
        return .el(
            "form", .attr("method", "get"), .attr("action", path), .cls("fr-mb-3w"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-responsable", name: "responsable", label: "Responsable", options: options,
                        selected: m.filter)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-8"),
                    .el("button", .cls("fr-btn fr-btn--secondary fr-mt-4w"), .attr("type", "submit"), .txt("Filtrer")),
                    .when(m.filter != nil, .link(path, .cls("fr-link fr-ml-2w"), .txt("Toutes les tâches"))))),
            .el("p", .cls("fr-text--sm"), .txt(summary(m))))
    }

    static func summary(_ m: Model) -> String {
        let total = m.columns.reduce(0) { $0 + $1.cards.count }
        let tasks = total == 1 ? "1 tâche" : "\(UI.number(total)) tâches"
        let late = m.lateCount == 0 ? "aucune en retard" : "\(UI.number(m.lateCount)) en retard"
        return "\(tasks)\(m.filter.map { " pour « \($0) »" } ?? ""), \(late)."
    }

    static func board(_ m: Model) -> HNode {
        .el(
            "div", .cls("fr-grid-row fr-grid-row--gutters jalon-board"),
            .each(m.columns) { column in
                .el(
                    "section", .cls("fr-col-12 fr-col-md-6 fr-col-lg-3 jalon-board__column"),
                    .attr("id", "colonne-\(column.status.rawValue)"),
                    .attr("aria-labelledby", "titre-\(column.status.rawValue)"),
                    .el(
                        "h2", .cls("fr-h5"), .attr("id", "titre-\(column.status.rawValue)"),
                        .txt(column.status.label + " "),
                        .el(
                            "span", .cls("fr-badge fr-badge--sm fr-badge--no-icon"), .attr("title", "Nombre de tâches"),
                            .txt(UI.number(column.cards.count)))),
                    column.cards.isEmpty
                        ? .el("p", .cls("fr-text--sm"), .txt("Aucune tâche."))
                        : .el(
                            "ul", .cls("jalon-board__cards fr-raw-list"),
                            .each(column.cards) { .el("li", .cls("fr-mb-2w"), card($0, filter: m.filter)) }))
            })
    }

    static func card(_ c: Card, filter: String?) -> HNode {
        let selectID = "statut-\(c.id)"
        return .el(
            "div", .cls("fr-card fr-card--sm fr-card--no-arrow jalon-task" + (c.late ? " jalon-task--late" : "")),
            .attr("id", "tache-\(c.id)"),
            .el(
                "div", .cls("fr-card__body"),
                .el(
                    "div", .cls("fr-card__content"),
                    .el("h3", .cls("fr-card__title"), .txt(c.title)),
                    .el(
                        "ul", .cls("fr-card__desc fr-raw-list fr-text--sm"),
                        .el("li", .txt("Responsable : " + (c.assignee.isEmpty ? "non attribuée" : c.assignee))),
                        .el("li", .txt("Échéance : " + (c.due.map { Format.date(iso: $0) } ?? "aucune"))),
                        .when(c.action != nil, .el("li", .txt("Action : " + (c.action ?? "")))),
                        .el("li", .txt("Territoire : " + (c.territory ?? "régional")))),
                    .when(
                        c.late,
                        .el(
                            "div", .cls("fr-card__start"),
                            .el("p", .cls("fr-badge fr-badge--sm fr-badge--error"), .txt("En retard"))))),
                .el(
                    "div", .cls("fr-card__footer"),
                    .postForm(
                        .tasks, .attr("action", statusPath(c.id)), .cls("jalon-task__move"),
                        .when(
                            filter != nil,
                            .void("input", [("type", "hidden"), ("name", "responsable"), ("value", filter ?? "")])),
                        .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(c.version)")]),
                        .el(
                            "div", .cls("fr-select-group"),
                            .el(
                                "label", .cls("fr-label fr-sr-only"), .attr("for", selectID),
                                .txt("Nouveau statut de « \(c.title) »")),
                            .el(
                                "select", .cls("fr-select"), .attr("id", selectID), .attr("name", "status"),
                                .each(TaskService.Status.allCases) { s in
                                    .el(
                                        "option", .attr("value", s.rawValue),
                                        .when(s == c.status, .attr("selected", "selected")), .txt(s.label))
                                })),
                        .el(
                            "button", .cls("fr-btn fr-btn--sm fr-btn--secondary"), .attr("type", "submit"),
                            .txt("Déplacer"))))))
    }
}
