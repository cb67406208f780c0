import Plot

extension Decoupages {
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

    static func renderEditor(_ model: EditorModel) -> String {
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
                    : AuditPage.table(model.history, caption: "Historique du découpage « \(decoupage.name) »")))
    }
}
