import Plot

extension Decoupages {
    static func render(_ m: Model) -> String {
        Layout(
            title: "Découpages", section: .territories,
            breadcrumb: [("Territoires", SiteURL.territories.path), ("Découpages", SiteURL.decoupages.path)]
        ).render(
            .group(
                UI.h1("Découpages"),
                .el(
                    "p",
                    .txt(
                        "Un découpage regroupe des territoires personnalisés (territoires d'animation, zones de GHT, CPTS, circonscriptions de CPAM…) qui partagent une région."
                    )),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Création impossible")),
                m.decoupages.isEmpty
                    ? .el("p", .txt("Aucun découpage pour l'instant."))
                    : UI.table(
                        caption: "Découpages", headers: [("Découpage", false), ("Code", false), ("Région", false)],
                        rows: m.decoupages.map { d in
                            [
                                .link(SiteURL.decoupage(d.code).path, .txt(d.name)), .el("code", .txt(d.code)),
                                .txt(d.regionCode ?? "—")
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
                        options: [("", "— aucune —")] + m.regions.map { ($0.code, $0.name) }, selected: nil),
                    UI.textarea(
                        id: "decoupage-description", name: "description", label: "Description", value: nil, rows: 2),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Créer le découpage")))))
    }

    static func renderEditor(_ m: EditorModel) -> String {
        let d = m.decoupage
        let covered = m.territories.reduce(0) { $0 + $1.population }
        return Layout(
            title: d.name, section: .territories,
            breadcrumb: [
                ("Territoires", SiteURL.territories.path), ("Découpages", SiteURL.decoupages.path),
                (d.name, SiteURL.decoupage(d.code).path)
            ]
        ).render(
            .group(
                UI.h1("Découpage « \(d.name) »"),
                .when(!d.description.isEmpty, .el("p", .txt(d.description))),
                .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Enregistrement impossible")),
                .el(
                    "p", .txt("Région : "),
                    d.regionCode.map { .link(SiteURL.territory($0).path, .txt($0)) } ?? .txt("aucune"),
                    .txt(" · \(m.territories.count) territoires · \(UI.number(covered)) habitants couverts"),
                    .when(m.regionPopulation != nil, .txt(" sur \(UI.number(m.regionPopulation ?? 0))"))),
                UI.table(
                    caption: "Territoires du découpage \(d.name)",
                    headers: [
                        ("Territoire", false), ("Code", false), ("Membres", false), ("Population", true), ("", false)
                    ],
                    rows: m.territories.map { t in
                        [
                            .link(SiteURL.territory(t.code).path, .txt(t.name)), .el("code", .txt(t.code)),
                            .txt((m.members[t.code] ?? []).joined(separator: " ")), .txt(UI.number(t.population)),
                            .postForm(
                                .regional, .attr("action", SiteURL.decoupage(d.code).path + "/supprimer"),
                                .void("input", [("type", "hidden"), ("name", "code"), ("value", t.code)]),
                                .el(
                                    "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"),
                                    .attr("title", "Supprimer \(t.code)"), .txt("Supprimer")))
                        ]
                    }, numericColumns: [3]),
                .el("h2", .txt("Ajouter ou redéfinir un territoire")),
                .postForm(
                    .regional, .attr("action", SiteURL.decoupage(d.code).path),
                    UI.input(
                        id: "territoire-code", name: "code", label: "Code", value: m.form.code,
                        hint: "Lettres, chiffres et tirets, par exemple TAN-LITTORAL. Un code existant est redéfini.",
                        required: true),
                    UI.input(id: "territoire-nom", name: "name", label: "Nom", value: m.form.name, required: true),
                    UI.textarea(
                        id: "territoire-membres", name: "members", label: "Membres",
                        value: m.form.members,
                        hint:
                            "Codes de communes (C59350 ou 59350), d'EPCI (E200093201 ou 200093201) ou de départements (D59), séparés par des espaces, virgules ou retours à la ligne."
                    ),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer le territoire"))),
                .el("h2", .txt("Historique")),
                m.history.isEmpty
                    ? .el("p", .txt("Aucune modification enregistrée."))
                    : AuditPage.table(m.history, caption: "Historique du découpage « \(d.name) »")))
    }
}
