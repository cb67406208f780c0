import Foundation
import JalonCore
import Plot

/// Import profiles: the list, one profile (definition, versions, test on a file), and the editor.
enum ImportProfilesPage {
    /// What a profile does to a sample file: the columns found, the first canonical rows, and the
    /// preview of the import (nothing written).
    struct Trial: Sendable, Equatable {
        var fileName: String
        var headers: [String] = []
        var rows: [ImportProfile.Row] = []
        var report: ImportReport?
        var error: String?
    }

    static func breadcrumb(_ extra: [(String, String)] = []) -> [(String, String)] {
        [("Imports", SiteURL.imports.path), ("Profils d'import", SiteURL.importProfiles.path)] + extra
    }

    static func renderList(_ profiles: [ImportProfileService.Stored], message: String? = nil, error: String? = nil)
        -> String
    {
        Layout(title: "Profils d'import", section: .imports, breadcrumb: breadcrumb()).render(
            .group(
                UI.h1("Profils d'import"),
                .el(
                    "p",
                    .txt(
                        "Un profil lit un fichier national tel qu'il arrive (titre au-dessus du tableau, "
                            + "colonnes à son nom, mois ou départements en colonnes, libellés à traduire "
                            + "en codes) et en fait des observations. Chaque modification crée une "
                            + "nouvelle version ; chaque lot importé garde la version qui l'a lu."
                    )),
                .when(message != nil, UI.alert(message ?? "", kind: "success")),
                .when(error != nil, UI.alert(error ?? "", kind: "error", title: "Profil refusé")),
                UI.table(
                    caption: "Profils d'import",
                    headers: [
                        ("Profil", false), ("Version", true), ("Description", false), ("Demande à l'import", false),
                        ("Origine", false)
                    ],
                    rows: profiles.map { stored in
                        [
                            .link(SiteURL.importProfile(stored.profile.name).path, .txt(stored.profile.name)),
                            .txt("v\(stored.profile.version)"), .txt(stored.profile.description),
                            .txt((stored.profile.parameters ?? [:]).keys.sorted().joined(separator: ", ")),
                            stored.shipped && stored.profile.version == 1
                                ? UI.badge("Fourni avec Jalon")
                                : .txt("\(stored.actor), \(Format.date(stored.createdAt))")
                        ]
                    }, numericColumns: [1]),
                .el(
                    "p",
                    .link(
                        SiteURL.importProfileEditor.path, .cls("fr-btn fr-btn--secondary"),
                        .txt("Créer un profil à partir d'un fichier exemple"))),
                .el("h2", .cls("fr-mt-5w"), .txt("Importer un profil (JSON)")),
                .postForm(
                    .regional, .attr("action", SiteURL.importProfiles.path), .attr("enctype", "multipart/form-data"),
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "profil-json"), .txt("Fichier JSON"),
                            .el("span", .cls("fr-hint-text"), .txt("tel qu'exporté depuis une autre instance de Jalon"))
                        ),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "profil-json"), ("name", "file"),
                                ("accept", ".json,application/json")
                            ])),
                    .el("button", .cls("fr-btn fr-mt-2w"), .attr("type", "submit"), .txt("Enregistrer le profil")))))
    }

    static func renderProfile(
        _ stored: ImportProfileService.Stored, versions: [ImportProfileService.Stored], trial: Trial? = nil,
        settings: [String: String] = [:]
    ) -> String {
        let profile = stored.profile
        return Layout(
            title: "Profil \(profile.name)", section: .imports,
            breadcrumb: breadcrumb([(profile.name, SiteURL.importProfile(profile.name).path)])
        ).render(
            .group(
                UI.h1("Profil \(profile.name) — version \(profile.version)"),
                .el("p", .txt(profile.description)),
                .el(
                    "ul", .cls("fr-btns-group fr-btns-group--inline-md"),
                    .el(
                        "li",
                        .link(
                            SiteURL.importProfileEditor.with([("profil", profile.name)]),
                            .cls("fr-btn fr-btn--secondary"),
                            .txt("Modifier (nouvelle version)"))),
                    .el(
                        "li",
                        .link(
                            SiteURL.importProfileJSON(profile.name).with([("version", String(profile.version))]),
                            .cls("fr-btn fr-btn--tertiary"), .txt("Exporter en JSON"))),
                    .el(
                        "li",
                        .link(
                            SiteURL.imports.with([("profil", profile.name)]), .cls("fr-btn fr-btn--tertiary"),
                            .txt("Importer un fichier avec ce profil")))),
                definition(profile),
                .el("h2", .cls("fr-mt-5w"), .txt("Tester sur un fichier")),
                .el("p", .txt("Le fichier est lu avec ce profil et comparé aux valeurs de Jalon ; rien n'est écrit.")),
                .postForm(
                    .observations, .attr("action", SiteURL.importProfile(profile.name).path),
                    .attr("enctype", "multipart/form-data"),
                    .each((profile.parameters ?? [:]).sorted { $0.key < $1.key }) { field, question in
                        UI.input(
                            id: "test-\(field)", name: field, label: "\(field) — \(question)", value: settings[field],
                            required: true)
                    },
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el("label", .cls("fr-label"), .attr("for", "test-fichier"), .txt("Fichier exemple")),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "test-fichier"), ("name", "file"),
                                ("accept", ".csv,.gz,.txt,.tsv,.xlsx")
                            ])),
                    .el("button", .cls("fr-btn fr-mt-2w"), .attr("type", "submit"), .txt("Tester"))),
                trial.map(render) ?? .empty,
                .el("h2", .cls("fr-mt-5w"), .txt("Versions")),
                UI.table(
                    caption: "Versions du profil \(profile.name)",
                    headers: [("Version", true), ("Par", false), ("Le", false), ("", false)],
                    rows: versions.map { revision in
                        [
                            .txt("v\(revision.profile.version)"),
                            .txt(revision.shipped ? "fourni avec Jalon" : revision.actor),
                            .txt(Format.date(revision.createdAt)),
                            .link(
                                SiteURL.importProfileJSON(profile.name).with([
                                    ("version", String(revision.profile.version))
                                ]),
                                .cls("fr-link"), .txt("JSON"))
                        ]
                    }, numericColumns: [0])))
    }

    static func definition(_ profile: ImportProfile) -> HNode {
        func source(_ field: String) -> String {
            if let unpivot = profile.unpivot, unpivot.field == field { return "en-têtes des colonnes dépivotées" }
            if let unpivot = profile.unpivot, unpivot.valueField == field { return "cellules des colonnes dépivotées" }
            if let column = profile.columns[field] {
                return column.hasPrefix("#") ? "colonne n° \(column.dropFirst())" : "colonne « \(column) »"
            }
            if let question = profile.parameters?[field] { return "demandé à l'import : \(question)" }
            if let constant = profile.constants[field] { return "toujours « \(constant) »" }
            return "—"
        }
        return .group(
            UI.keyValueTable(
                caption: "Lecture du fichier",
                rows: [
                    ("Ligne d'en-tête", .txt(String(profile.headerLine))),
                    ("Feuille (.xlsx)", .txt(profile.sheet ?? "la première")),
                    (
                        "Lignes exclues ou gardées",
                        profile.filters.isEmpty
                            ? .txt("aucun filtre")
                            : .el(
                                "ul",
                                .each(profile.filters) { filter in
                                    .el(
                                        "li",
                                        .txt(
                                            filter.keep.map {
                                                "« \(filter.column) » vaut \($0.joined(separator: ", "))"
                                            }
                                                ?? "« \(filter.column) » ne vaut pas "
                                                + (filter.drop ?? []).joined(separator: ", ")
                                        ))
                                })
                    ),
                    (
                        "Dépivotage",
                        profile.unpivot.map { unpivot in
                            .txt(
                                "\(unpivot.columns.count) colonnes "
                                    + "(\(unpivot.columns.prefix(4).joined(separator: ", "))"
                                    + (unpivot.columns.count > 4 ? "…" : "")
                                    + ") → \(unpivot.field) et \(unpivot.valueField)"
                            )
                        } ?? .txt("non")
                    )
                ]),
            UI.table(
                caption: "D'où vient chaque champ",
                headers: [("Champ", false), ("Source", false), ("Correspondances", false)],
                rows: ImportProfile.fields.map { field in
                    [
                        .txt(field), .txt(source(field)),
                        .txt(
                            (profile.lookups[field] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }
                                .joined(
                                    separator: " ; "))
                    ]
                }))
    }

    static func render(_ trial: Trial) -> HNode {
        .group(
            .el("h3", .cls("fr-mt-3w"), .txt("Résultat sur \(trial.fileName)")),
            .when(
                trial.error != nil, UI.alert(trial.error ?? "", kind: "error", title: "Le profil ne lit pas ce fichier")
            ),
            .when(
                !trial.headers.isEmpty,
                .el(
                    "p",
                    .txt(
                        "Colonnes de la ligne d'en-tête : "
                            + trial.headers.enumerated().map { "#\($0.offset + 1) « \($0.element) »" }.joined(
                                separator: ", ")))),
            .when(
                !trial.rows.isEmpty,
                UI.table(
                    caption: "Premières lignes lues par le profil",
                    headers: [("Ligne", true)] + ImportProfile.fields.map { ($0, false) },
                    rows: trial.rows.prefix(30).map { row in
                        [.txt(String(row.line))] + ImportProfile.fields.map { .txt(row.fields[$0] ?? "") }
                    },
                    numericColumns: [0])),
            trial.report.map { report in
                .group(
                    .el(
                        "p",
                        .txt(
                            "\(UI.number(report.read)) lignes : \(UI.number(report.created)) valeurs seraient "
                                + "créées, \(UI.number(report.updated)) modifiées, \(UI.number(report.unchanged)) "
                                + "inchangées, \(UI.number(report.rejected.count)) lignes rejetées."
                        )),
                    .when(
                        !report.rejected.isEmpty,
                        UI.table(
                            caption: "Lignes rejetées", headers: [("Ligne", true), ("Champ", false), ("Motif", false)],
                            rows: report.rejected.prefix(100).map {
                                [.txt(String($0.line)), .txt($0.field), .txt($0.reason)]
                            }, numericColumns: [0])))
            } ?? .empty)
    }

    static func renderEditor(
        _ form: ImportProfileForm, sample: (id: String, name: String)?, trial: Trial?, error: String?, editing: Bool
    ) -> String {
        let fieldOptions = [("", "—")] + ImportProfile.fields.map { ($0, $0) }
        let headers = trial?.headers ?? []
        return Layout(
            title: "Éditeur de profil", section: .imports,
            breadcrumb: breadcrumb([("Éditeur", SiteURL.importProfileEditor.path)])
        ).render(
            .group(
                UI.h1(editing ? "Modifier le profil \(form.name)" : "Créer un profil d'import"),
                .el(
                    "p",
                    .txt(
                        "Déposez un fichier exemple, indiquez d'où vient chaque champ, testez, "
                            + "puis enregistrez. « Tester » ne change rien ; « Enregistrer » crée "
                            + "une nouvelle version. Un champ qui a une question et une constante "
                            + "prend la constante par défaut : c'est elle que le test utilise."
                    )),
                .when(error != nil, UI.alert(error ?? "", kind: "error", title: "Profil incomplet")),
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
                trial.map(render) ?? .empty))
    }
}
