import JalonCore
import Plot

extension ImportProfileEdit {
    static func render(_ model: Model) -> String {
        let form = model.form
        let sample = model.sample
        let fieldOptions = [("", "—")] + ImportProfile.fields.map { ($0, $0) }
        let headers = model.trial?.headers ?? []
        return Layout(
            title: "Éditeur de profil", section: .imports,
            breadcrumb: ImportProfileIndex.breadcrumb([("Éditeur", SiteURL.importProfileEditor.path)])
        ).render(
            .group(
                UI.h1(model.editing ? "Modifier le profil \(form.name)" : "Créer un profil d'import"),
                .el(
                    "p",
                    .txt(
                        "Déposez un fichier exemple, indiquez d'où vient chaque champ, testez, "
                            + "puis enregistrez. « Tester » ne change rien ; « Enregistrer » crée "
                            + "une nouvelle version. Un champ qui a une question et une constante "
                            + "prend la constante par défaut : c'est elle que le test utilise."
                    )),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Profil incomplet")),
                .postForm(
                    .regional, .attr("action", SiteURL.importProfileEditor.path),
                    .attr("enctype", "multipart/form-data"),
                    .when(
                        sample != nil,
                        .void("input", [("type", "hidden"), ("name", "sample"), ("value", sample?.id ?? "")])),
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "profil-exemple"), .txt("Fichier exemple"),
                            .el(
                                "span", .cls("fr-hint-text"),
                                .txt(
                                    sample.map { "Exemple actuel : \($0.name) (déposez-en un autre pour le remplacer)" }
                                        ?? "CSV, .gz ou .xlsx"))),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "profil-exemple"), ("name", "file"),
                                ("accept", ".csv,.gz,.txt,.tsv,.xlsx")
                            ])),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters fr-mt-2w"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "profil-nom", name: "name", label: "Nom", value: form.name,
                                hint: "minuscules, chiffres et tirets (ex. insi-secteurs)", required: true)),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-2"),
                            UI.input(
                                id: "profil-entete", name: "header_line", label: "Ligne d'en-tête",
                                value: form.headerLine, type: "number")),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-2"),
                            UI.input(id: "profil-feuille", name: "sheet", label: "Feuille (.xlsx)", value: form.sheet)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "profil-description", name: "description", label: "Description",
                                value: form.description))),
                    .when(
                        !headers.isEmpty,
                        .el(
                            "p", .cls("fr-hint-text"),
                            .txt(
                                "Colonnes de l'exemple : "
                                    + headers.enumerated().map { "#\($0.offset + 1) « \($0.element) »" }.joined(
                                        separator: ", ")))),
                    UI.table(
                        caption:
                            "D'où vient chaque champ "
                            + "(une colonne du fichier, une constante, ou une question posée à chaque import)",
                        headers: [
                            ("Champ", false), ("Colonne du fichier (nom ou #n)", false), ("Constante", false),
                            ("Question à l'import", false)
                        ],
                        rows: ImportProfile.fields.map { field in
                            [
                                .txt(field),
                                headers.isEmpty
                                    ? .void(
                                        "input",
                                        [
                                            ("class", "fr-input"), ("name", "col_" + field),
                                            ("aria-label", "Colonne pour \(field)"),
                                            ("value", form.columns[field] ?? "")
                                        ])
                                    : .el(
                                        "select", .cls("fr-select"), .attr("name", "col_" + field),
                                        .attr("aria-label", "Colonne pour \(field)"),
                                        .each(
                                            [("", "—")]
                                                + headers.enumerated().map {
                                                    (
                                                        $0.element.isEmpty ? "#\($0.offset + 1)" : $0.element,
                                                        "#\($0.offset + 1) \($0.element)"
                                                    )
                                                }
                                        ) { value, label in
                                            .el(
                                                "option", .attr("value", value),
                                                .when(
                                                    value == (form.columns[field] ?? "") && !value.isEmpty,
                                                    .attr("selected", "selected")), .txt(label))
                                        }),
                                .void(
                                    "input",
                                    [
                                        ("class", "fr-input"), ("name", "const_" + field),
                                        ("aria-label", "Constante pour \(field)"),
                                        ("value", form.constants[field] ?? "")
                                    ]),
                                .void(
                                    "input",
                                    [
                                        ("class", "fr-input"), ("name", "param_" + field),
                                        ("aria-label", "Question pour \(field)"), ("value", form.questions[field] ?? "")
                                    ])
                            ]
                        }),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.select(
                                id: "profil-depivot", name: "unpivot_field",
                                label: "Dépivoter : les en-têtes deviennent", options: fieldOptions,
                                selected: form.unpivotField),
                            UI.select(
                                id: "profil-depivot-valeur", name: "unpivot_value_field",
                                label: "… et les cellules deviennent", options: fieldOptions.dropFirst().map { $0 },
                                selected: form.unpivotValueField)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-8"),
                            UI.textarea(
                                id: "profil-depivot-colonnes", name: "unpivot_columns", label: "Colonnes à dépivoter",
                                value: form.unpivotColumns, hint: "une par ligne (ex. janv. 2023)"))),
                    UI.textarea(
                        id: "profil-filtres", name: "filters", label: "Filtres de lignes", value: form.filters,
                        hint:
                            "une règle par ligne : "
                            + "« Département : exclure : Total | France » ou « Secteur : garder : ES »"
                    ),
                    UI.textarea(
                        id: "profil-correspondances", name: "lookups", label: "Correspondances libellé → code",
                        value: form.lookups,
                        hint:
                            "une par ligne : "
                            + "« couloir : Etablissements sanitaires = ES », « territoire : Région HdF = R32 »",
                        rows: 6),
                    UI.textarea(
                        id: "profil-cles", name: "lookup_keys",
                        label: "Clés composées des correspondances (facultatif)",
                        value: form.lookupKeys,
                        hint:
                            "quand une seule colonne ne suffit pas : « indicateur = couloir + indicateur » lit "
                            + "« Etablissements sanitaires | Nombre d'appels = O3-18 »"),
                    .el(
                        "ul", .cls("fr-btns-group fr-btns-group--inline-md fr-mt-2w"),
                        .el(
                            "li",
                            .el(
                                "button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"),
                                .attr("name", "action"), .attr("value", "tester"), .txt("Tester sur l'exemple"))),
                        .el(
                            "li",
                            .el(
                                "button", .cls("fr-btn"), .attr("type", "submit"), .attr("name", "action"),
                                .attr("value", "enregistrer"), .txt("Enregistrer le profil"))))),
                model.trial.map(ImportProfileShow.trialResult) ?? .empty))
    }
}
