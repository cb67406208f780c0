import JalonCore
import Plot

extension ComparisonShow {
    static func render(_ model: Model) -> String {
        Layout(
            title: "Comparaison des territoires", section: .roadmap,
            breadcrumb: [
                ("Feuille de route", SiteURL.roadmap.with([("feuille", model.roadmap.code)])),
                ("Comparaison des territoires", SiteURL.comparison.path)
            ]
        ).render(
            .group(
                UI.h1("Comparaison des territoires"),
                .el("p", .txt(model.roadmap.name)),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt(
                        "Photo au \(Format.date(iso: model.at.iso)) : chaque case donne la valeur et, par sa couleur, "
                            + "le statut au regard de la cible du territoire."
                    )),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.comparison.path), .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            RoadmapSelector.select(model.roadmap, model.roadmapChoices)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "cmp-date", name: "date", label: "Photo à date", value: model.at.iso, type: "date")
                        ),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "cmp-decoupage", name: "decoupage", label: "Territoires", options: model.groupings,
                                selected: model.grouping)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "cmp-couloir", name: "couloir", label: "Couloir",
                                options: [("", "Tous les couloirs")]
                                    + ([.ms] + Couloir.structural).map { ($0.rawValue, UI.couloirLabel($0.rawValue)) },
                                selected: model.couloir?.rawValue))),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Comparer"))),
                .el(
                    "p", .txt("Légende : "),
                    .each([
                        Progress.Status.atteint, .enBonneVoie, .enCours, .aRisque, .enRetard, .nonRenseigne, .sansCible
                    ]) { status in
                        .group(UI.badge(status.label, kind: IndicatorFormat.badgeKind(status)), .txt(" "))
                    }),
                UI.table(
                    caption: "Indicateurs par territoire au \(Format.date(iso: model.at.iso))",
                    headers: [("Indicateur", false)] + model.territories.map { ($0.name, false) },
                    rows: model.rows.map { row in
                        [
                            .group(
                                .link(
                                    SiteURL.indicator(row.code).with([("date", model.at.iso)]),
                                    .el("code", .txt(row.code))),
                                .txt(" \(row.label)"))
                        ]
                            + row.cells.map { cell in
                                .el(
                                    "span",
                                    .cls(
                                        "fr-badge fr-badge--sm fr-badge--no-icon "
                                            + "fr-badge--\(IndicatorFormat.badgeKind(cell.status))"
                                    ),
                                    .attr("title", cell.status.label), .txt(cell.value))
                            }
                    })))
    }

    /// What the page says before any roadmap exists.
    static func renderMissing() -> String {
        Layout(title: "Comparaison", section: .roadmap).render(UI.alert("Aucune feuille de route.", kind: "info"))
    }
}
