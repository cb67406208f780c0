import JalonCore
import Plot

extension HomeIndex {
    static func render(_ model: Model) -> String {
        Layout(title: "Tableau de bord", section: .dashboard).render(
            .group(
                UI.h1("Tableau de bord"),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt(
                        "Le référentiel des territoires et des structures sur lequel repose le pilotage "
                            + "de la feuille de route régionale."
                    )),
                .when(
                    model.communes == 0,
                    UI.alert(
                        "La géographie officielle n'est pas encore chargée : lancez « jalon import cog » "
                            + "(ou « make run », qui charge la région de démonstration).",
                        kind: "warning", title: "Aucun territoire")),
                .el("h2", .txt("Territoires")),
                .el(
                    "ul", .cls("jalon-kpis"),
                    kpi(model.regions, "régions", SiteURL.territories.path),
                    kpi(model.departements, "départements", SiteURL.territories.path),
                    kpi(model.communes, "communes", SiteURL.territories.path),
                    kpi(model.customTerritories, "territoires personnalisés", SiteURL.decoupages.path)),
                .when(
                    !model.decoupages.isEmpty,
                    .el(
                        "p", .txt("Découpages : "),
                        .each(model.decoupages) { decoupage in
                            .group(.link(SiteURL.decoupage(decoupage.code).path, .txt(decoupage.name)), .txt(" "))
                        })),
                .el("h2", .txt("Structures ouvertes par couloir")),
                UI.table(
                    caption: "Structures ouvertes par couloir",
                    headers: [("Couloir", false), ("Structures ouvertes", true)],
                    rows: Couloir.structural.map { couloir in
                        [
                            .link(
                                SiteURL.structures.with([("couloir", couloir.rawValue)]),
                                .txt(UI.couloirLabel(couloir.rawValue))),
                            .txt(UI.number(model.openByCouloir[couloir.rawValue] ?? 0))
                        ]
                    } + [[.el("strong", .txt("Total")), .el("strong", .txt(UI.number(model.structuresTotal)))]],
                    numericColumns: [1]),
                .when(
                    model.demoRegion != nil,
                    .el(
                        "p",
                        .link(
                            SiteURL.territory("R32").path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                            .txt("Voir la région Hauts-de-France"))))
            ))
    }

    static func kpi(_ count: Int, _ label: String, _ href: String) -> HNode {
        .el("li", .link(href, .el("span", .cls("jalon-kpi__value"), .txt(UI.number(count))), .txt(label)))
    }
}
