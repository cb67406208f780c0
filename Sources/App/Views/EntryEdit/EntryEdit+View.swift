import JalonCore
import Plot

extension EntryEdit {
    static func render(_ model: Model) -> String {
        let indicatorOptions =
            [("", "— choisir —")]
            + model.indicators.map { ($0.code, "\($0.code) — \(String($0.definition.label.prefix(90)))") }
        let couloirOptions =
            [("", "Celui de l'indicateur")] + Couloir.allCases.map { ($0.rawValue, UI.couloirLabel($0.rawValue)) }
        return Layout(
            title: "Saisie", section: .indicators,
            breadcrumb: [("Indicateurs", SiteURL.indicators.path), ("Saisie", SiteURL.entry.path)]
        ).render(
            .group(
                UI.h1("Saisie d'une valeur ou d'une cible"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Saisie refusée")),
                .el("h2", .txt("Valeur observée")),
                .postForm(
                    .observations, .attr("action", SiteURL.entry.path),
                    .void("input", [("type", "hidden"), ("name", "kind"), ("value", "observation")]),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.select(
                                id: "obs-indicateur", name: "indicator", label: "Indicateur", options: indicatorOptions,
                                selected: model.observation.indicator)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "obs-territoire", name: "territory", label: "Territoire",
                                value: model.observation.territory, hint: "R32, D59, TAN-LITTORAL…")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "obs-structure", name: "structure", label: "ou structure",
                                value: model.observation.structure, hint: "FINESS, RPPS ou SIRET")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "obs-couloir", name: "couloir", label: "Couloir", options: couloirOptions,
                                selected: model.observation.couloir)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "obs-periode", name: "period", label: "Période", value: model.observation.period,
                                hint: "2022-05, T2 2022, déc. 2021…")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "obs-valeur", name: "value", label: "Valeur", value: model.observation.value,
                                hint: "2 551 301, 12,83 %, OUI, ND ; un texte pour un indicateur qualitatif")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "obs-numerateur", name: "numerator", label: "Numérateur (facultatif)",
                                value: model.observation.numerator)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "obs-denominateur", name: "denominator", label: "Dénominateur (facultatif)",
                                value: model.observation.denominator)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.input(id: "obs-source", name: "source", label: "Source", value: model.observation.source)
                        ),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.input(
                                id: "obs-commentaire", name: "comment", label: "Commentaire",
                                value: model.observation.comment)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.select(
                                id: "obs-statut", name: "status", label: "Statut (indicateur qualitatif, facultatif)",
                                options: [("", "Selon la cible")]
                                    + ObservationService.assessedStatuses.map { ($0.rawValue, $0.label) },
                                selected: model.observation.status)),
                        UI.overrideField(
                            id: "obs-derogation",
                            hint:
                                "Seulement pour modifier une période verrouillée "
                                + "par une photo à date validée ; journalisé"
                        )),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer la valeur"))),
                .el("h2", .cls("fr-mt-5w"), .txt("Cible")),
                .postForm(
                    .regional, .attr("action", SiteURL.entry.path),
                    .void("input", [("type", "hidden"), ("name", "kind"), ("value", "target")]),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12"),
                            UI.select(
                                id: "cible-feuille", name: "roadmap", label: "Feuille de route",
                                options: [("", "Toutes les feuilles de route qui suivent l'indicateur")]
                                    + model.roadmaps.map { ($0.code, "\($0.name) (\($0.years))") },
                                selected: model.target.roadmap)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.select(
                                id: "cible-indicateur", name: "indicator", label: "Indicateur",
                                options: indicatorOptions, selected: model.target.indicator)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "cible-territoire", name: "territory", label: "Territoire",
                                value: model.target.territory)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "cible-couloir", name: "couloir", label: "Couloir", options: couloirOptions,
                                selected: model.target.couloir)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "cible-echeance", name: "due", label: "Échéance", value: model.target.due,
                                hint: "fin 2022, mi-2023, 2023-05-31")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "cible-valeur", name: "target", label: "Cible", value: model.target.target,
                                hint: "25 %, 2 000, OUI, ni, à venir")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "cible-reference", name: "baseline", label: "Valeur de référence (facultatif)",
                                value: model.target.baseline)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "cible-reference-date", name: "baseline_on", label: "Date de référence",
                                value: model.target.baselineOn, hint: "fin 2021"))),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer la cible")))))
    }
}
