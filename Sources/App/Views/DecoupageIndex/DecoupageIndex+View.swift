import Plot

extension DecoupageIndex {
    static func render(_ model: Model) -> String {
        Layout(
            title: "Découpages", section: .territories,
            breadcrumb: [("Territoires", SiteURL.territories.path), ("Découpages", SiteURL.decoupages.path)]
        ).render(
            .group(
                UI.h1("Découpages"),
                .el(
                    "p",
                    .txt(
                        "Un découpage regroupe des territoires personnalisés (territoires d'animation, "
                            + "zones de GHT, CPTS, circonscriptions de CPAM…) qui partagent une région."
                    )),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Création impossible")),
                model.decoupages.isEmpty
                    ? .el("p", .txt("Aucun découpage pour l'instant."))
                    : UI.table(
                        caption: "Découpages", headers: [("Découpage", false), ("Code", false), ("Région", false)],
                        rows: model.decoupages.map { decoupage in
                            [
                                .link(SiteURL.decoupage(decoupage.code).path, .txt(decoupage.name)),
                                .el("code", .txt(decoupage.code)),
                                .txt(decoupage.regionCode ?? "—")
                            ]
                        }),
                .el("h2", .txt("Nouveau découpage")),
                .postForm(
                    .regional, .attr("action", SiteURL.decoupages.path),
                    UI.input(
                        id: "decoupage-nom", name: "name", label: "Nom", value: nil, hint: "Par exemple : TAN",
                        required: true),
                    UI.select(
                        id: "decoupage-region", name: "region", label: "Région partagée",
                        options: [("", "— aucune —")] + model.regions.map { ($0.code, $0.name) }, selected: nil),
                    UI.textarea(
                        id: "decoupage-description", name: "description", label: "Description", value: nil, rows: 2),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Créer le découpage")))))
    }
}
