import Foundation
import JalonCore
import Plot

extension ImportProfileShow {
    static func render(_ model: Model) -> String {
        let profile = model.stored.profile
        return Layout(
            title: "Profil \(profile.name)", section: .imports,
            breadcrumb: ImportProfileIndex.breadcrumb([(profile.name, SiteURL.importProfile(profile.name).path)])
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
                            id: "test-\(field)", name: field, label: "\(field) — \(question)",
                            value: model.settings[field],
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
                model.trial.map(trialResult) ?? .empty,
                .el("h2", .cls("fr-mt-5w"), .txt("Versions")),
                UI.table(
                    caption: "Versions du profil \(profile.name)",
                    headers: [("Version", true), ("Par", false), ("Le", false), ("", false)],
                    rows: model.versions.map { revision in
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
                            (profile.lookupKeys?[field].map { "lu sur \($0.joined(separator: " | ")) : " } ?? "")
                                + (profile.lookups[field] ?? [:]).sorted { $0.key < $1.key }.map {
                                    "\($0.key) → \($0.value)"
                                }.joined(separator: " ; "))
                    ]
                }))
    }

    /// What the profile made of a sample file; the editor shows it too.
    static func trialResult(_ trial: ImportProfileTrial) -> HNode {
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
}
