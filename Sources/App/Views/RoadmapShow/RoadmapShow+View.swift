import JalonCore
import Plot

extension RoadmapShow {
    static func render(_ model: Model) -> String {
        let statuses: [Progress.Status] = [
            .enRetard, .aRisque, .enCours, .enBonneVoie, .atteint, .nonRenseigne, .sansCible
        ]
        return Layout(
            title: "Feuille de route", section: .roadmap, breadcrumb: [("Feuille de route", SiteURL.roadmap.path)]
        ).render(
            .group(
                UI.h1(model.roadmapName),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt(
                        "\(model.roadmap.years), \(model.roadmap.status.label). "
                            + "Photo au \(Format.date(iso: model.at.iso)) — \(model.territory.name)"
                            + (model.couloir.map { ", couloir \($0.rawValue)" } ?? "")
                    )),
                filterForm(model),
                .el(
                    "p",
                    .link(
                        SiteURL.comparison.with([
                            ("feuille", model.roadmap.code), ("date", model.at.iso),
                            ("couloir", model.couloir?.rawValue)
                        ]),
                        .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Comparer les territoires")), .txt(" · "),
                    .link(
                        SiteURL.tasks.with([("feuille", model.roadmap.code)]),
                        .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Tableau des tâches")), .txt(" · "),
                    .link(
                        SiteURL.raciOverview.with([("feuille", model.roadmap.code)]),
                        .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Qui fait quoi (RACI)")), .txt(" · "),
                    .link(
                        SiteURL.snapshots.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Photos à date validées")), .txt(" · "),
                    .link(
                        SiteURL.roadmaps.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Feuilles de route")), .txt(" · "),
                    .link(
                        SiteURL.exportProgress(.csv).with([
                            ("feuille", model.roadmap.code), ("date", model.at.iso),
                            ("territoire", model.territory.code),
                            ("couloir", model.couloir?.rawValue)
                        ]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("Exporter en CSV (Excel)")),
                    .txt(" · "),
                    .link(
                        SiteURL.exportProgress(.xlsx).with([
                            ("feuille", model.roadmap.code), ("date", model.at.iso),
                            ("territoire", model.territory.code),
                            ("couloir", model.couloir?.rawValue)
                        ]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("en XLSX"))),
                .el(
                    "ul", .cls("jalon-kpis"),
                    .each(statuses) { status in
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.count(status)))),
                            UI.badge(status.label, kind: IndicatorFormat.badgeKind(status)))
                    }),
                .when(
                    !model.urgent.isEmpty,
                    .group(
                        .el("h2", .txt("En retard ou à risque")),
                        table(model.urgent, caption: "Indicateurs en retard ou à risque", model: model))),
                .each(model.objectives) { objective in
                    .group(
                        .el("h2", .txt("Objectif \(objective.number) — \(objective.title)")),
                        objective.fiches.isEmpty
                            ? .el("p", .txt("Aucun indicateur pour ces critères."))
                            : .each(objective.fiches) { fiche in
                                .group(
                                    .el(
                                        "h3",
                                        .link(
                                            SiteURL.fiche(fiche.code).with([
                                                ("feuille", model.roadmap.code), ("date", model.at.iso)
                                            ]),
                                            .txt("Fiche \(fiche.title)"))),
                                    table(fiche.rows, caption: "Fiche \(fiche.title)", model: model))
                            })
                }))
    }

    /// What the page says before any roadmap exists.
    static func renderMissing() -> String {
        Layout(title: "Feuille de route", section: .roadmap).render(
            .group(
                UI.h1("Feuille de route"),
                UI.alert(
                    "Aucune feuille de route : créez-la depuis un modèle livré avec "
                        + "« jalon roadmap template feuille-de-route-2023-2027 --region R32 » (ou « jalon demo »).",
                    kind: "info")))
    }

    static func filterForm(_ model: Model) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.roadmap.path), .cls("fr-mb-3w"),
            .attr("aria-label", "Choisir la feuille de route, la date, le territoire et le couloir"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el("div", .cls("fr-col-12 fr-col-md-3"), RoadmapSelector.select(model.roadmap, model.roadmapChoices)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(id: "photo-date", name: "date", label: "Photo à date", value: model.at.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "photo-territoire", name: "territoire", label: "Territoire",
                        options: model.territoryChoices.map { ($0.code, "\($0.name) (\($0.code))") },
                        selected: model.territory.code)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "photo-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous les couloirs")]
                            + ([.ms] + Couloir.structural).map { ($0.rawValue, UI.couloirLabel($0.rawValue)) },
                        selected: model.couloir?.rawValue))),
            .el(
                "div", .cls("fr-checkbox-group fr-mb-2w"),
                .void(
                    "input",
                    [("type", "checkbox"), ("id", "photo-evolutions"), ("name", "evolutions"), ("value", "1")]
                        + (model.showVariations ? [("checked", "checked")] : [])),
                .el("label", .cls("fr-label"), .attr("for", "photo-evolutions"), .txt("Afficher les évolutions"))),
            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Afficher")))
    }

    static let variationHeaders = [
        ("Évolution sur la période", true), ("Évolution sur un an", true), ("Évolution depuis la référence", true)
    ]

    static func table(_ rows: [Row], caption: String, model: Model) -> HNode {
        UI.table(
            caption: caption,
            headers: [
                ("Indicateur", false), ("Couloir", false), ("Cible", false), ("Valeur", true), ("Réalisation", true),
                ("Statut", false), ("Tendance", false)
            ] + (model.showVariations ? variationHeaders : []),
            rows: rows.map { row in
                let variations = [
                    row.variations.sincePrevious, row.variations.sinceYearBefore, row.variations.sinceBaseline
                ]
                return [
                    .group(
                        .link(
                            SiteURL.indicator(row.code).with([
                                ("territoire", model.territory.code), ("date", model.at.iso)
                            ]),
                            .el("code", .txt(row.code))), .txt(" "), .txt(row.label)),
                    .txt(row.couloir),
                    .txt(row.due.isEmpty ? row.target : "\(row.target) (\(row.due))"),
                    .group(
                        .txt(row.value),
                        .when(!row.valueDate.isEmpty, .el("span", .cls("fr-hint-text"), .txt(row.valueDate))),
                        .when(!row.comment.isEmpty, .el("span", .cls("fr-hint-text jalon-comment"), .txt(row.comment))),
                        .when(row.inconsistent, UI.badge("écart avec la somme des territoires", kind: "warning"))),
                    .txt(row.realisation),
                    UI.badge(row.status.label, kind: IndicatorFormat.badgeKind(row.status)),
                    .raw(SVGChart.sparkline(row.trend, label: "Tendance de \(row.code) sur les 12 dernières valeurs"))
                ] + (model.showVariations ? variations.map { .txt($0?.text ?? "—") } : [])
            }, numericColumns: model.showVariations ? [3, 4, 7, 8, 9] : [3, 4])
    }
}
