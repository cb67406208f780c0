import Foundation
import JalonCore
import Plot

extension ImportProfileIndex {
    static func breadcrumb(_ extra: [(String, String)] = []) -> [(String, String)] {
        [("Imports", SiteURL.imports.path), ("Profils d'import", SiteURL.importProfiles.path)] + extra
    }

    static func render(_ model: Model) -> String {
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
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Profil refusé")),
                UI.table(
                    caption: "Profils d'import",
                    headers: [
                        ("Profil", false), ("Version", true), ("Description", false), ("Demande à l'import", false),
                        ("Origine", false)
                    ],
                    rows: model.profiles.map { stored in
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
}
