import Plot

extension Territories {
    static func render(_ m: Model) -> String {
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
                                    ("type", "search"), ("value", m.search ?? ""),
                                    ("placeholder", "Lille, D59, TAN-LITTORAL…")
                                ]),
                            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Rechercher")))),
                    .when(
                        m.search != nil,
                        .group(
                            .el("h2", .txt("Résultats")),
                            m.results.isEmpty
                                ? .el("p", .txt("Aucun territoire ne correspond."))
                                : .el(
                                    "ul",
                                    .each(m.results) { t in
                                        .el(
                                            "li", .link(SiteURL.territory(t.code).path, .txt("\(t.name) (\(t.code))")),
                                            .txt(" — \(t.kind.label)"))
                                    }))),
                    .el("h2", .txt("Géographie officielle")),
                    m.france == nil
                        ? UI.alert("La géographie officielle n'est pas chargée (jalon import cog).", kind: "warning")
                        : .el(
                            "div", .cls("jalon-tree"),
                            .el(
                                "p", .link(SiteURL.territory("FR").path, .txt("France")),
                                .txt(" — \(UI.number(m.france?.population ?? 0)) habitants")),
                            .el(
                                "ul",
                                .each(m.regions) { r in
                                    .el(
                                        "li",
                                        .el(
                                            "details",
                                            .el(
                                                "summary",
                                                .txt(
                                                    "\(r.region.name) (\(r.region.code)) — \(UI.number(r.region.population)) hab."
                                                )),
                                            .el(
                                                "p",
                                                .link(
                                                    SiteURL.territory(r.region.code).path,
                                                    .txt("Fiche de la région \(r.region.name)"))),
                                            .el(
                                                "ul",
                                                .each(r.departements) { d in
                                                    .el(
                                                        "li",
                                                        .link(
                                                            SiteURL.territory(d.code).path,
                                                            .txt("\(d.name) (\(d.code))")),
                                                        .txt(" — \(UI.number(d.population)) hab."))
                                                })))
                                })),
                    .el("h2", .txt("Découpages")),
                    m.decoupages.isEmpty
                        ? .el("p", .txt("Aucun découpage défini."))
                        : .el(
                            "ul",
                            .each(m.decoupages) { d in .el("li", .link(SiteURL.decoupage(d.code).path, .txt(d.name))) }),
                    .el(
                        "p",
                        .link(SiteURL.decoupages.path, .cls("fr-btn fr-btn--secondary"), .txt("Gérer les découpages"))))
            )
    }
}
