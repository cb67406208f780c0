import JalonCore
import Plot

extension TaskIndex {
    static func render(_ model: Model) -> String {
        Layout(
            title: "Tâches", section: .roadmap,
            breadcrumb: [("Feuille de route", SiteURL.roadmap.path), ("Tâches", path)]
        ).render(
            .group(
                UI.h1("Tâches de la feuille de route"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                model.roadmap == nil
                    ? UI.alert(
                        "Aucune feuille de route : créez-en une avec « jalon roadmap "
                            + "template segur-2021-2023 », puis ajoutez-y des tâches."
                    )
                    : .group(
                        .el("p", .cls("fr-text--lead"), .txt(model.roadmap ?? "")), creationForm(model),
                        filterForm(model),
                        board(model), history(model))))
    }

    static func history(_ model: Model) -> HNode {
        .group(
            .el("h2", .cls("fr-mt-5w"), .txt("Derniers mouvements")),
            model.history.isEmpty
                ? .el("p", .txt("Aucun mouvement enregistré."))
                : HistoryTable.render(model.history, caption: "Derniers mouvements des tâches"))
    }

    static func creationForm(_ model: Model) -> HNode {
        let actions = [("", "— aucune —")] + model.actions.map { ($0.id, $0.label) }
        return .postForm(
            .tasks, .attr("action", path), .cls("fr-mb-4w"),
            .el(
                "fieldset", .cls("fr-fieldset"),
                .el("legend", .cls("fr-fieldset__legend"), .txt("Nouvelle tâche")),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(
                            id: "tache-titre", name: "title", label: "Titre", value: model.form.title, required: true)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(
                            id: "tache-responsable", name: "assignee", label: "Responsable", value: model.form.assignee)
                    ),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(
                            id: "tache-echeance", name: "due", label: "Échéance", value: model.form.due,
                            hint: "31/12/2022, 2022-12-31, fin 2022")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.select(
                            id: "tache-action", name: "action", label: "Action de la feuille de route",
                            options: actions, selected: model.form.action)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.input(
                            id: "tache-territoire", name: "territory", label: "Territoire", value: model.form.territory,
                            hint: "Code ou nom ; vide = régional")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3 jalon-form-end"),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Créer la tâche"))))))
    }

    static func filterForm(_ model: Model) -> HNode {
        let options =
            [("", "Tous")] + model.assignees.map { ($0, $0) }
            + (model.filter.map { f in model.assignees.contains(f) ? [] : [(f, f)] } ?? [])
        return .el(
            "form", .attr("method", "get"), .attr("action", path), .cls("fr-mb-3w"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-responsable", name: "responsable", label: "Responsable", options: options,
                        selected: model.filter)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-8"),
                    .el("button", .cls("fr-btn fr-btn--secondary fr-mt-4w"), .attr("type", "submit"), .txt("Filtrer")),
                    .when(model.filter != nil, .link(path, .cls("fr-link fr-ml-2w"), .txt("Toutes les tâches"))))),
            .el("p", .cls("fr-text--sm"), .txt(summary(model))))
    }

    static func summary(_ model: Model) -> String {
        let total = model.columns.reduce(0) { $0 + $1.cards.count }
        let tasks = total == 1 ? "1 tâche" : "\(UI.number(total)) tâches"
        let late = model.lateCount == 0 ? "aucune en retard" : "\(UI.number(model.lateCount)) en retard"
        return "\(tasks)\(model.filter.map { " pour « \($0) »" } ?? ""), \(late)."
    }

    static func board(_ model: Model) -> HNode {
        .el(
            "div", .cls("fr-grid-row fr-grid-row--gutters jalon-board"),
            .each(model.columns) { column in
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
                            .each(column.cards) { .el("li", .cls("fr-mb-2w"), card($0, filter: model.filter)) }))
            })
    }

    static func card(_ card: Card, filter: String?) -> HNode {
        let selectID = "statut-\(card.id)"
        return .el(
            "div", .cls("fr-card fr-card--sm fr-card--no-arrow jalon-task" + (card.late ? " jalon-task--late" : "")),
            .attr("id", "tache-\(card.id)"),
            .el(
                "div", .cls("fr-card__body"),
                .el(
                    "div", .cls("fr-card__content"),
                    .el("h3", .cls("fr-card__title"), .txt(card.title)),
                    .el(
                        "ul", .cls("fr-card__desc fr-raw-list fr-text--sm"),
                        .el("li", .txt("Responsable : " + (card.assignee.isEmpty ? "non attribuée" : card.assignee))),
                        .el("li", .txt("Échéance : " + (card.due.map { Format.date(iso: $0) } ?? "aucune"))),
                        .when(card.action != nil, .el("li", .txt("Action : " + (card.action ?? "")))),
                        .el("li", .txt("Territoire : " + (card.territory ?? "régional"))),
                        .unwrap(card.decision) { decision in
                            .el(
                                "li", .txt("Décision : "),
                                .link(
                                    SiteURL.meeting(decision.meeting).path,
                                    .txt("\(decision.committee) du \(Format.date(iso: decision.day))")))
                        }),
                    .when(
                        card.late,
                        .el(
                            "div", .cls("fr-card__start"),
                            .el("p", .cls("fr-badge fr-badge--sm fr-badge--error"), .txt("En retard"))))),
                .el(
                    "div", .cls("fr-card__footer"),
                    .postForm(
                        .tasks, .attr("action", statusPath(card.id)), .cls("jalon-task__move"),
                        .when(
                            filter != nil,
                            .void("input", [("type", "hidden"), ("name", "responsable"), ("value", filter ?? "")])),
                        .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(card.version)")]),
                        .el(
                            "div", .cls("fr-select-group"),
                            .el(
                                "label", .cls("fr-label fr-sr-only"), .attr("for", selectID),
                                .txt("Nouveau statut de « \(card.title) »")),
                            .el(
                                "select", .cls("fr-select"), .attr("id", selectID), .attr("name", "status"),
                                .each(TaskStatus.allCases) { status in
                                    .el(
                                        "option", .attr("value", status.rawValue),
                                        .when(status == card.status, .attr("selected", "selected")), .txt(status.label))
                                })),
                        .el(
                            "button", .cls("fr-btn fr-btn--sm fr-btn--secondary"), .attr("type", "submit"),
                            .txt("Déplacer"))))))
    }
}
