import JalonCore
import Plot

extension CategoryIndex {
    static func render(_ model: Model) -> String {
        let options = Couloir.structural.map { ($0.rawValue, UI.couloirLabel($0.rawValue)) }
        return Layout(
            title: "Catégories FINESS et couloirs", section: .referentials,
            breadcrumb: [("Référentiels", SiteURL.referentials.path), ("Catégories FINESS", SiteURL.categories.path)]
        ).render(
            .group(
                UI.h1("Catégories FINESS et couloirs"),
                .el(
                    "p",
                    .txt(
                        "Chaque catégorie d'établissement FINESS est rattachée à un couloir du Ségur. "
                            + "Modifier un couloir reclasse aussitôt les structures de la catégorie."
                    )),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Modification refusée")),
                .el(
                    "p",
                    .link(
                        SiteURL.categoriesCSV.path, .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Télécharger la table (CSV)"))),
                .postForm(
                    .regional, .attr("action", SiteURL.categoriesCSV.path), .attr("enctype", "multipart/form-data"),
                    .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "fichier-categories"),
                            .txt("Charger une table (CSV categorie;couloir)"),
                            .el(
                                "span", .cls("fr-hint-text"),
                                .txt("Colonnes « categorie » et « couloir » ; les autres sont ignorées."))),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "fichier-categories"),
                                ("name", "file"), ("accept", ".csv,text/csv")
                            ])),
                    .el("button", .cls("fr-btn fr-btn--secondary fr-mt-1w"), .attr("type", "submit"), .txt("Charger"))),
                .postForm(
                    .regional, .attr("action", SiteURL.categories.path),
                    UI.table(
                        caption: "Catégories FINESS",
                        headers: [
                            ("Code", false), ("Libellé", false), ("Agrégat", false), ("Structures", true),
                            ("Couloir", false)
                        ],
                        rows: model.categories.map { category in
                            [
                                .el("code", .txt(category.code)), .txt(category.label), .txt(category.aggregateCode),
                                .txt(UI.number(model.counts[category.code] ?? 0)),
                                .group(
                                    .el(
                                        "label", .cls("fr-sr-only"), .attr("for", "couloir-\(category.code)"),
                                        .txt("Couloir de la catégorie \(category.code)")),
                                    .el(
                                        "select", .cls("fr-select"), .attr("id", "couloir-\(category.code)"),
                                        .attr("name", "couloir[\(category.code)]"),
                                        .each(options) { value, label in
                                            .el(
                                                "option", .attr("value", value),
                                                .when(value == category.couloir, .attr("selected", "selected")),
                                                .txt(label))
                                        }),
                                    .when(
                                        category.couloir != category.defaultCouloir,
                                        .el(
                                            "span", .cls("fr-hint-text"),
                                            .txt("modifié (défaut : \(category.defaultCouloir))")
                                        )))
                            ]
                        }, numericColumns: [3]),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer les couloirs")))))
    }
}
