import Plot

extension ReferentialIndex {
    static func render(_ model: Model) -> String {
        Layout(title: "Référentiels", section: .referentials, breadcrumb: [("Référentiels", SiteURL.referentials.path)])
            .render(
                .group(
                    UI.h1("Référentiels"),
                    .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                    .when(
                        model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Modification refusée")),
                    .el(
                        "p",
                        .link(
                            SiteURL.categories.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                            .txt("Catégories FINESS et couloirs"))),
                    .each(ReferentialKind.allCases) { kind in
                        .group(
                            .el("h2", .txt(kind.label)),
                            UI.table(
                                caption: kind.label,
                                headers: [("Code", false), ("Libellé", false)]
                                    + (kind == .couloirs ? [("Alias", false)] : []) + [("", false)],
                                rows: (model.lists[kind] ?? []).map { item in
                                    let form = "ref-\(kind.rawValue)-\(item.code)"
                                    return [
                                        .el("code", .txt(item.code)),
                                        .group(
                                            .el(
                                                "label", .cls("fr-sr-only"), .attr("for", "\(form)-label"),
                                                .txt("Libellé de \(item.code)")),
                                            .void(
                                                "input",
                                                [
                                                    ("class", "fr-input"), ("id", "\(form)-label"), ("name", "label"),
                                                    ("value", item.label), ("form", form)
                                                ]))
                                    ]
                                        + (kind == .couloirs
                                            ? [
                                                .group(
                                                    .el(
                                                        "label", .cls("fr-sr-only"), .attr("for", "\(form)-aliases"),
                                                        .txt("Alias de \(item.code)")),
                                                    .void(
                                                        "input",
                                                        [
                                                            ("class", "fr-input"), ("id", "\(form)-aliases"),
                                                            ("name", "aliases"), ("value", item.aliases), ("form", form)
                                                        ]))
                                            ] : [])
                                        + [
                                            .postForm(
                                                .regional, .attr("id", form),
                                                .attr("action", SiteURL.referentials.path),
                                                .void(
                                                    "input",
                                                    [("type", "hidden"), ("name", "kind"), ("value", kind.rawValue)]),
                                                .void(
                                                    "input",
                                                    [("type", "hidden"), ("name", "code"), ("value", item.code)]),
                                                .el(
                                                    "button", .cls("fr-btn fr-btn--sm fr-btn--secondary"),
                                                    .attr("type", "submit"), .txt("Enregistrer")))
                                        ]
                                }),
                            .when(
                                kind != .couloirs,
                                .postForm(
                                    .regional, .attr("action", SiteURL.referentials.path), .cls("fr-mb-5w"),
                                    .void("input", [("type", "hidden"), ("name", "kind"), ("value", kind.rawValue)]),
                                    .el(
                                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                                        .el(
                                            "div", .cls("fr-col-12 fr-col-md-3"),
                                            UI.input(
                                                id: "new-\(kind.rawValue)-code", name: "code", label: "Nouveau code",
                                                value: nil)),
                                        .el(
                                            "div", .cls("fr-col-12 fr-col-md-6"),
                                            UI.input(
                                                id: "new-\(kind.rawValue)-label", name: "label", label: "Libellé",
                                                value: nil))),
                                    .el("button", .cls("fr-btn fr-btn--sm"), .attr("type", "submit"), .txt("Ajouter"))))
                        )
                    }))
    }
}
