import Plot

extension DecoupageEdit {
    static func render(_ model: Model) -> String {
        let decoupage = model.decoupage
        let covered = model.territories.reduce(0) { $0 + $1.population }
        return Layout(
            title: decoupage.name, section: .territories,
            breadcrumb: [
                ("Territoires", SiteURL.territories.path), ("Découpages", SiteURL.decoupages.path),
                (decoupage.name, SiteURL.decoupage(decoupage.code).path)
            ]
        ).render(
            .group(
                UI.h1("Découpage « \(decoupage.name) »"),
                .when(!decoupage.description.isEmpty, .el("p", .txt(decoupage.description))),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(
                    model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement impossible")),
                .el(
                    "p", .txt("Région : "),
                    decoupage.regionCode.map { .link(SiteURL.territory($0).path, .txt($0)) } ?? .txt("aucune"),
                    .txt(" · \(model.territories.count) territoires · \(UI.number(covered)) habitants couverts"),
                    .when(model.regionPopulation != nil, .txt(" sur \(UI.number(model.regionPopulation ?? 0))"))),
                UI.table(
                    caption: "Territoires du découpage \(decoupage.name)",
                    headers: [
                        ("Territoire", false), ("Code", false), ("Membres", false), ("Population", true), ("", false)
                    ],
                    rows: model.territories.map { territory in
                        [
                            .link(SiteURL.territory(territory.code).path, .txt(territory.name)),
                            .el("code", .txt(territory.code)),
                            .txt((model.members[territory.code] ?? []).joined(separator: " ")),
                            .txt(UI.number(territory.population)),
                            .postForm(
                                .regional, .attr("action", SiteURL.decoupage(decoupage.code).path + "/supprimer"),
                                .void("input", [("type", "hidden"), ("name", "code"), ("value", territory.code)]),
                                .el(
                                    "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                    .attr("title", "Supprimer \(territory.code)"), .txt("Supprimer")))
                        ]
                    }, numericColumns: [3]),
                .el("h2", .txt("Ajouter ou redéfinir un territoire")),
                .postForm(
                    .regional, .attr("action", SiteURL.decoupage(decoupage.code).path),
                    UI.input(
                        id: "territoire-code", name: "code", label: "Code", value: model.form.code,
                        hint: "Lettres, chiffres et tirets, par exemple TAN-LITTORAL. Un code existant est redéfini.",
                        required: true),
                    UI.input(id: "territoire-nom", name: "name", label: "Nom", value: model.form.name, required: true),
                    UI.textarea(
                        id: "territoire-membres", name: "members", label: "Membres",
                        value: model.form.members,
                        hint:
                            "Codes de communes (C59350 ou 59350), d'EPCI (E200093201 ou 200093201) ou de "
                            + "départements (D59), séparés par des espaces, virgules ou retours à la ligne."
                    ),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer le territoire"))),
                .el("h2", .txt("Historique")),
                model.history.isEmpty
                    ? .el("p", .txt("Aucune modification enregistrée."))
                    : HistoryTable.render(model.history, caption: "Historique du découpage « \(decoupage.name) »")))
    }
}
