import JalonCore
import Plot

extension TerritoryIndex {
    static func render(_ model: Model) -> String {
        Layout(title: "Territoires", section: .territories, breadcrumb: [("Territoires", SiteURL.territories.path)])
            .render(
                .group(
                    UI.h1("Territoires"),
                    .el(
                        "form", .attr("method", "get"), .attr("action", SiteURL.territories.path),
                        .attr("role", "search"), .cls("fr-mb-3w"),
                        .el(
                            "div", .cls("fr-search-bar"),
                            .el(
                                "label", .cls("fr-label"), .attr("for", "recherche-territoire"),
                                .txt("Rechercher un territoire (nom ou code)")),
                            .void(
                                "input",
                                [
                                    ("class", "fr-input"), ("id", "recherche-territoire"), ("name", "q"),
                                    ("type", "search"), ("value", model.search ?? ""),
                                    ("placeholder", "Lille, D59, TAN-LITTORAL…")
                                ]),
                            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Rechercher")))),
                    .when(
                        model.search != nil,
                        .group(
                            .el("h2", .txt("Résultats")),
                            model.results.isEmpty
                                ? .el("p", .txt("Aucun territoire ne correspond."))
                                : .el(
                                    "ul",
                                    .each(model.results) { territory in
                                        .el(
                                            "li",
                                            .link(
                                                SiteURL.territory(territory.code).path,
                                                .txt("\(territory.name) (\(territory.code))")),
                                            .txt(" — \(territory.kind.label)"))
                                    }))),
                    referential(model.counts),
                    .el("h2", .txt("Géographie officielle")),
                    model.france == nil
                        ? UI.alert("La géographie officielle n'est pas chargée (jalon import cog).", kind: "warning")
                        : .el(
                            "div", .cls("jalon-tree"),
                            .el(
                                "p", .link(SiteURL.territory("FR").path, .txt("France")),
                                .txt(" — \(UI.number(model.france?.population ?? 0)) habitants")),
                            .el(
                                "ul",
                                .each(model.regions) { entry in
                                    .el(
                                        "li",
                                        .el(
                                            "details",
                                            .el(
                                                "summary",
                                                .txt(
                                                    "\(entry.region.name) (\(entry.region.code)) — "
                                                        + "\(UI.number(entry.region.population)) hab."
                                                )),
                                            .el(
                                                "p",
                                                .link(
                                                    SiteURL.territory(entry.region.code).path,
                                                    .txt("Fiche de la région \(entry.region.name)"))),
                                            .el(
                                                "ul",
                                                .each(entry.departements) { departement in
                                                    .el(
                                                        "li",
                                                        .link(
                                                            SiteURL.territory(departement.code).path,
                                                            .txt("\(departement.name) (\(departement.code))")),
                                                        .txt(" — \(UI.number(departement.population)) hab."))
                                                })))
                                })),
                    .el("h2", .txt("Découpages")),
                    model.decoupages.isEmpty
                        ? .el("p", .txt("Aucun découpage défini."))
                        : .el(
                            "ul",
                            .each(model.decoupages) { decoupage in
                                .el("li", .link(SiteURL.decoupage(decoupage.code).path, .txt(decoupage.name)))
                            }),
                    .el(
                        "p",
                        .link(SiteURL.decoupages.path, .cls("fr-btn fr-btn--secondary"), .txt("Gérer les découpages"))))
            )
    }

    /// The referential counts the home page used to show: territories, and open structures per couloir.
    static func referential(_ counts: ReferentialCounts) -> HNode {
        .group(
            .el("h2", .txt("Le référentiel en chiffres")),
            .el(
                "ul", .cls("jalon-kpis"),
                kpi(counts.regions, "régions", SiteURL.territories.path),
                kpi(counts.departements, "départements", SiteURL.territories.path),
                kpi(counts.communes, "communes", SiteURL.territories.path),
                kpi(counts.customTerritories, "territoires personnalisés", SiteURL.decoupages.path)),
            UI.table(
                caption: "Structures ouvertes par couloir",
                headers: [("Couloir", false), ("Structures ouvertes", true)],
                rows: Couloir.structural.map { couloir in
                    [
                        .link(
                            SiteURL.structures.with([("couloir", couloir.rawValue)]),
                            .txt(UI.couloirLabel(couloir.rawValue))),
                        .txt(UI.number(counts.openByCouloir[couloir.rawValue] ?? 0))
                    ]
                } + [[.el("strong", .txt("Total")), .el("strong", .txt(UI.number(counts.structuresTotal)))]],
                numericColumns: [1]))
    }

    static func kpi(_ count: Int, _ label: String, _ href: String) -> HNode {
        .el("li", .link(href, .el("span", .cls("jalon-kpi__value"), .txt(UI.number(count))), .txt(label)))
    }
}
