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
}
