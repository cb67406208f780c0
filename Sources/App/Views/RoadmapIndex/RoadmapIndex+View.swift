import JalonCore
import Plot

extension RoadmapIndex {
    static func render(_ model: Model) -> String {
        let url = SiteURL.roadmaps.path
        return Layout(
            title: "Feuilles de route", section: .roadmap,
            breadcrumb: [("Feuille de route", SiteURL.roadmap.path), ("Feuilles de route", url)]
        ).render(
            .group(
                UI.h1("Feuilles de route de la région"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Modification refusée")),
                UI.table(
                    caption: "Feuilles de route, la plus récente d'abord",
                    headers: [
                        ("Feuille de route", false), ("Période", false), ("Statut", false), ("Objectifs", false),
                        ("Fiches", true)
                    ],
                    rows: model.entries.map { entry in
                        let roadmap = entry.roadmap
                        return [
                            .group(
                                .link(SiteURL.roadmap.with([("feuille", roadmap.code)]), .txt(roadmap.name)),
                                .el("span", .cls("fr-hint-text"), .txt(roadmap.code))),
                            .txt(roadmap.years),
                            .group(
                                .txt(roadmap.status.label + " "),
                                .when(entry.current, UI.badge("en cours aujourd'hui", kind: "success")),
                                .when(roadmap.archived, UI.badge("archivée", kind: "info"))),
                            .el(
                                "ol",
                                .each(entry.objectives) { objective in
                                    .el(
                                        "li",
                                        .txt(
                                            objective.title
                                                + (objective.priority.map { " (priorité \($0))" } ?? "")))
                                }),
                            .txt(UI.number(entry.fiches))
                        ]
                    }, numericColumns: [4]),
                .el("h2", .txt("Créer une feuille de route")),
                .postForm(
                    .regional, .attr("action", url), .cls("jalon-edit fr-mb-3w"),
                    .void("input", [("type", "hidden"), ("name", "section"), ("value", "template")]),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.select(
                                id: "fdr-modele", name: "template", label: "Depuis un modèle livré avec Jalon",
                                options: model.templates.map { ($0, $0) }, selected: model.templates.first)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "fdr-modele-region", name: "region", label: "Région", value: "R32")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3 jalon-form-end"),
                            .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Créer depuis le modèle"))))),
                .postForm(
                    .regional, .attr("action", url), .cls("jalon-edit fr-mb-3w"),
                    .void("input", [("type", "hidden"), ("name", "section"), ("value", "create")]),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "fdr-code", name: "code", label: "Code", value: nil,
                                hint: "ex. feuille-de-route-2028-2032-r32", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-8"),
                            UI.input(id: "fdr-titre", name: "title", label: "Titre", value: nil, required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "fdr-region", name: "region", label: "Région", value: "R32")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "fdr-debut", name: "start", label: "Début", value: nil, type: "date")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "fdr-fin", name: "end", label: "Fin", value: nil, type: "date")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "fdr-statut", name: "status", label: "Statut",
                                options: RoadmapStatus.allCases.map { ($0.rawValue, $0.label) },
                                selected: RoadmapStatus.preparing.rawValue))),
                    .el("button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"), .txt("Créer vide"))),
                .el("h2", .txt("Compléter ou archiver")),
                .each(model.entries.filter { !$0.roadmap.archived }) { entry in
                    entryForms(entry, url: url)
                }))
    }

    static func entryForms(_ entry: Entry, url: String) -> HNode {
        let roadmap = entry.roadmap
        let id = roadmap.code
        return .el(
            "section", .cls("fr-mb-4w"),
            .el("h3", .txt(roadmap.name)),
            structure(entry, url: url),
            .postForm(
                .regional, .attr("action", url), .cls("jalon-edit fr-mb-2w"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "objective")]),
                .void("input", [("type", "hidden"), ("name", "roadmap"), ("value", roadmap.code)]),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.input(
                            id: "obj-num-\(id)", name: "number", label: "N° d'objectif",
                            value: "\((entry.objectives.map(\.number).max() ?? 0) + 1)", type: "number")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(id: "obj-titre-\(id)", name: "title", label: "Objectif", value: nil, required: true)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.select(
                            id: "obj-prio-\(id)", name: "priority", label: "Priorité",
                            options: [("", "—"), ("1", "1 — Ségur"), ("2", "2 — télésanté"), ("3", "3 — régional")],
                            selected: nil)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                        .el("button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"), .txt("Ajouter"))))),
            .postForm(
                .regional, .attr("action", url), .cls("jalon-edit fr-mb-2w"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "fiche")]),
                .void("input", [("type", "hidden"), ("name", "roadmap"), ("value", roadmap.code)]),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.input(id: "fiche-code-\(id)", name: "code", label: "Code de fiche", value: nil)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-5"),
                        UI.input(id: "fiche-titre-\(id)", name: "title", label: "Fiche", value: nil, required: true)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-3"),
                        UI.select(
                            id: "fiche-obj-\(id)", name: "objective", label: "Objectif",
                            options: [("", "—")]
                                + entry.objectives.map { ("\($0.number)", "\($0.number). \($0.title)") },
                            selected: nil)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                        .el("button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"), .txt("Ajouter"))))),
            .postForm(
                .regional, .attr("action", url), .cls("jalon-edit fr-mb-2w"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "status")]),
                .void("input", [("type", "hidden"), ("name", "roadmap"), ("value", roadmap.code)]),
                .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(roadmap.version)")]),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-4"),
                        UI.input(id: "fdr-titre-\(id)", name: "title", label: "Titre", value: roadmap.name)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.input(
                            id: "fdr-debut-\(id)", name: "start", label: "Début", value: roadmap.startOn,
                            type: "date")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.input(id: "fdr-fin-\(id)", name: "end", label: "Fin", value: roadmap.endOn, type: "date")),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2"),
                        UI.select(
                            id: "fdr-statut-\(id)", name: "status", label: "Statut",
                            options: RoadmapStatus.allCases.map { ($0.rawValue, $0.label) },
                            selected: roadmap.status.rawValue)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                        .el(
                            "button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"),
                            .txt("Enregistrer"))))),
            .postForm(
                .regional, .attr("action", url), .cls("jalon-edit"),
                .void("input", [("type", "hidden"), ("name", "section"), ("value", "archive")]),
                .void("input", [("type", "hidden"), ("name", "roadmap"), ("value", roadmap.code)]),
                .el("button", .attr("type", "submit"), .cls("fr-btn fr-btn--tertiary"), .txt("Archiver"))))
    }

    /// The objectives and fiches as they stand, each with its edit form (in a `<details>`, no JavaScript)
    /// and the fiches with "Monter" / "Descendre".
    static func structure(_ entry: Entry, url: String) -> HNode {
        let roadmap = entry.roadmap
        func hidden(_ section: String) -> HNode {
            .group(
                .void("input", [("type", "hidden"), ("name", "section"), ("value", section)]),
                .void("input", [("type", "hidden"), ("name", "roadmap"), ("value", roadmap.code)]),
                .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(roadmap.version)")]))
        }
        let priorities = [("", "—"), ("1", "1 — Ségur"), ("2", "2 — télésanté"), ("3", "3 — régional")]
        let objectiveOptions = [("", "—")] + entry.objectives.map { ("\($0.number)", "\($0.number). \($0.title)") }
        return .group(
            .el("h4", .cls("fr-h6"), .txt("Objectifs")),
            .el(
                "ol", .cls("jalon-structure"),
                .each(entry.objectives) { objective in
                    let id = "\(roadmap.code)-\(objective.number)"
                    return .el(
                        "li",
                        .txt(
                            "\(objective.number). \(objective.title)"
                                + (objective.priority.map { " — priorité \($0)" } ?? "")),
                        .el(
                            "details", .cls("jalon-noprint"),
                            .el("summary", .txt("Modifier l'objectif \(objective.number)")),
                            .postForm(
                                .regional, .attr("action", url), .cls("jalon-edit"), hidden("objective-edit"),
                                .void(
                                    "input",
                                    [("type", "hidden"), ("name", "objective"), ("value", "\(objective.number)")]),
                                .el(
                                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-2"),
                                        UI.input(
                                            id: "obj-edit-num-\(id)", name: "number", label: "N°",
                                            value: "\(objective.number)", type: "number")),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-6"),
                                        UI.input(
                                            id: "obj-edit-titre-\(id)", name: "title", label: "Titre",
                                            value: objective.title,
                                            required: true)),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-2"),
                                        UI.select(
                                            id: "obj-edit-prio-\(id)", name: "priority", label: "Priorité",
                                            options: priorities, selected: objective.priority.map { "\($0)" } ?? "")),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                                        .el(
                                            "button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"),
                                            .txt("Enregistrer")))))))
                }),
            .el("h4", .cls("fr-h6"), .txt("Fiches, dans leur ordre")),
            .el(
                "ol", .cls("jalon-structure"),
                .each(Array(entry.ficheList.enumerated())) { position, fiche in
                    let id = "\(roadmap.code)-\(fiche.code)"
                    func move(_ offset: Int, _ label: String) -> HNode {
                        .postForm(
                            .regional, .attr("action", url), .cls("jalon-inline"), hidden("fiche-move"),
                            .void("input", [("type", "hidden"), ("name", "code"), ("value", fiche.code)]),
                            .void("input", [("type", "hidden"), ("name", "offset"), ("value", "\(offset)")]),
                            .el(
                                "button", .attr("type", "submit"), .cls("fr-btn fr-btn--sm fr-btn--tertiary"),
                                .attr("aria-label", "\(label) la fiche \(fiche.title)"), .txt(label)))
                    }
                    return .el(
                        "li",
                        .link(SiteURL.fiche(fiche.code).with([("feuille", roadmap.code)]), .txt(fiche.title)),
                        .txt(
                            (fiche.service.map { " — \($0)" } ?? "")
                                + (fiche.objective.map { " — objectif \($0)" } ?? "")),
                        .when(position > 0, move(-1, "Monter")),
                        .when(position < entry.ficheList.count - 1, move(1, "Descendre")),
                        .el(
                            "details", .cls("jalon-noprint"), .el("summary", .txt("Modifier la fiche \(fiche.code)")),
                            .postForm(
                                .regional, .attr("action", url), .cls("jalon-edit"), hidden("fiche-edit"),
                                .void("input", [("type", "hidden"), ("name", "code"), ("value", fiche.code)]),
                                .el(
                                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-5"),
                                        UI.input(
                                            id: "fiche-edit-titre-\(id)", name: "title", label: "Titre",
                                            value: fiche.title,
                                            required: true)),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-2"),
                                        UI.input(
                                            id: "fiche-edit-service-\(id)", name: "service", label: "Service",
                                            value: fiche.service)),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-3"),
                                        UI.select(
                                            id: "fiche-edit-obj-\(id)", name: "objective", label: "Objectif",
                                            options: objectiveOptions,
                                            selected: fiche.objective.map { "\($0)" } ?? "")),
                                    .el(
                                        "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                                        .el(
                                            "button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"),
                                            .txt("Enregistrer")))))))
                }))
    }
}
