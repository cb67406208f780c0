import JalonCore
import Plot

extension Home {
    static func render(_ m: Model) -> String {
        Layout(title: "Tableau de bord", section: .dashboard).render(
            .group(
                UI.h1("Tableau de bord"),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt(
                        "Le référentiel des territoires et des structures sur lequel repose le pilotage de la feuille de route régionale."
                    )),
                .when(
                    m.communes == 0,
                    UI.alert(
                        "La géographie officielle n'est pas encore chargée : lancez « jalon import cog » (ou « make run », qui charge la région de démonstration).",
                        kind: "warning", title: "Aucun territoire")),
                .el("h2", .txt("Territoires")),
                .el(
                    "ul", .cls("jalon-kpis"),
                    kpi(m.regions, "régions", SiteURL.territories.path),
                    kpi(m.departements, "départements", SiteURL.territories.path),
                    kpi(m.communes, "communes", SiteURL.territories.path),
                    kpi(m.customTerritories, "territoires personnalisés", SiteURL.decoupages.path)),
                .when(
                    !m.decoupages.isEmpty,
                    .el(
                        "p", .txt("Découpages : "),
                        .each(m.decoupages) { d in
                            .group(.link(SiteURL.decoupage(d.code).path, .txt(d.name)), .txt(" "))
                        })),
                .el("h2", .txt("Structures ouvertes par couloir")),
                UI.table(
                    caption: "Structures ouvertes par couloir",
                    headers: [("Couloir", false), ("Structures ouvertes", true)],
                    rows: Couloir.structural.map { c in
                        [
                            .link(
                                SiteURL.structures.with([("couloir", c.rawValue)]), .txt(UI.couloirLabel(c.rawValue))),
                            .txt(UI.number(m.openByCouloir[c.rawValue] ?? 0))
                        ]
                    } + [[.el("strong", .txt("Total")), .el("strong", .txt(UI.number(m.structuresTotal)))]],
                    numericColumns: [1]),
                .when(
                    m.demoRegion != nil,
                    .el(
                        "p",
                        .link(
                            SiteURL.territory("R32").path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                            .txt("Voir la région Hauts-de-France"))))
            ))
    }

    static func kpi(_ n: Int, _ label: String, _ href: String) -> HNode {
        .el("li", .link(href, .el("span", .cls("jalon-kpi__value"), .txt(UI.number(n))), .txt(label)))
    }
}
