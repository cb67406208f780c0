import JalonCore
import Plot

extension ImportIndex {
    /// The parameters to ask: those of the chosen profile, with its questions; without a choice,
    /// those of every profile, each with the profiles that ask it.
    static func parameters(_ model: Model) -> [(field: String, label: String, hint: String)] {
        if let chosen = model.profiles.first(where: { $0.name == model.form.profile }) {
            return (chosen.parameters ?? [:]).sorted { $0.key < $1.key }.map {
                (field: $0.key, label: $0.value, hint: "Demandé par le profil \(chosen.name)")
            }
        }
        var askedBy: [String: [String]] = [:]
        for profile in model.profiles {
            for field in (profile.parameters ?? [:]).keys { askedBy[field, default: []].append(profile.name) }
        }
        return askedBy.sorted { $0.key < $1.key }.map { field, names in
            (
                field: field, label: field.prefix(1).uppercased() + field.dropFirst(),
                hint: "Si le profil le demande (\(names.sorted().joined(separator: ", ")))"
            )
        }
    }

    static func render(_ model: Model) -> String {
        Layout(title: "Imports", section: .imports, breadcrumb: [("Imports", SiteURL.imports.path)]).render(
            .group(
                UI.h1("Imports"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Import impossible")),
                .el("h2", .txt("Importer un fichier")),
                .el(
                    "p",
                    .txt(
                        "Observations : fichier CSV (UTF-8 ou Latin-1, séparateur ; , tabulation ou |, "
                            + "éventuellement compressé en .gz) ou classeur .xlsx avec les colonnes "
                            + "indicateur, territoire (ou structure), couloir, periode, valeur (ou "
                            + "numerateur et denominateur), source, commentaire — ou un fichier national lu "
                            + "par un profil d'import. Cibles : indicateur, territoire, couloir, echeance, "
                            + "cible, reference. Rien n'est écrit avant la validation de l'aperçu."
                    )),
                .postForm(
                    .observations, .attr("action", SiteURL.imports.path), .attr("enctype", "multipart/form-data"),
                    .el(
                        "fieldset", .cls("fr-fieldset"),
                        .el("legend", .cls("fr-fieldset__legend"), .txt("Contenu du fichier")),
                        .each(ImportKind.allCases.map { ($0.rawValue, $0.formLabel) }) { value, label in
                            .el(
                                "div", .cls("fr-fieldset__element fr-fieldset__element--inline"),
                                .el(
                                    "div", .cls("fr-radio-group"),
                                    .void(
                                        "input",
                                        [
                                            ("type", "radio"), ("id", "import-kind-\(value)"), ("name", "kind"),
                                            ("value", value)
                                        ] + (model.form.kind == value ? [("checked", "checked")] : [])),
                                    .el("label", .cls("fr-label"), .attr("for", "import-kind-\(value)"), .txt(label))))
                        }),
                    UI.select(
                        id: "import-profil", name: "profile", label: "Profil d'import (observations)",
                        options: [("", "Aucun : colonnes standard")]
                            + model.profiles.map { ($0.name, "\($0.name) — \($0.description.prefix(80))…") },
                        selected: model.form.profile),
                    .el(
                        "p", .cls("fr-hint-text"),
                        .link(
                            SiteURL.importProfiles.path, .cls("fr-link"),
                            .txt("Voir, tester et créer les profils d'import"))),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .each(parameters(model)) { parameter in
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(
                                    id: "import-\(parameter.field)", name: parameter.field, label: parameter.label,
                                    value: model.form.settings[parameter.field], hint: parameter.hint))
                        },
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "import-feuille", name: "sheet", label: "Feuille du classeur",
                                value: model.form.sheet,
                                hint: ".xlsx : la première par défaut")),
                        UI.overrideField(
                            id: "import-derogation",
                            hint:
                                "Seulement pour modifier des périodes verrouillées "
                                + "par une photo à date validée ; journalisé"
                        )),
                    .el(
                        "div", .cls("fr-upload-group fr-mt-2w"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "import-fichier"), .txt("Fichier"),
                            .el("span", .cls("fr-hint-text"), .txt("64 Mo au plus"))),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "import-fichier"), ("name", "file"),
                                ("accept", ".csv,.gz,.txt,.tsv,.xlsx,.xml,text/csv")
                            ])),
                    .el("button", .cls("fr-btn fr-mt-2w"), .attr("type", "submit"), .txt("Voir l'aperçu"))),
                .el(
                    "p", .cls("fr-mt-2w"), .txt("Échanges avec les systèmes DHIS2 : "),
                    .link(SiteURL.exportDHIS2.path, .cls("fr-link"), .txt("exporter les valeurs (data value set)")),
                    .txt(" · "),
                    .link(SiteURL.exportADX.path, .cls("fr-link"), .txt("exporter en ADX")), .txt(" · "),
                    .link(SiteURL.exchangeCodes.path, .cls("fr-link"), .txt("correspondances de codes (CSV)"))),
                .postForm(
                    .regional, .attr("action", SiteURL.exchangeCodes.path), .attr("enctype", "multipart/form-data"),
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "codes-fichier"),
                            .txt("Remplacer les correspondances de codes"),
                            .el(
                                "span", .cls("fr-hint-text"),
                                .txt("CSV type;code_jalon;code_externe — type : indicateur, territoire ou couloir"))),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "codes-fichier"), ("name", "file"),
                                ("accept", ".csv,text/csv")
                            ])),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-mt-1w"), .attr("type", "submit"),
                        .txt("Enregistrer les correspondances"))),
                .el("h2", .cls("fr-mt-5w"), .txt("Lots importés")),
                model.batches.isEmpty
                    ? .el("p", .txt("Aucun import pour l'instant."))
                    : UI.table(
                        caption: "Lots d'import",
                        headers: [
                            ("Date", false), ("Fichier", false), ("Type", false), ("Créées", true), ("Modifiées", true),
                            ("Rejetées", true), ("Par", false), ("Statut", false), ("", false)
                        ],
                        rows: model.batches.map { batch in
                            [
                                .txt(Format.date(batch.createdAt)),
                                .group(
                                    .txt(batch.fileName),
                                    .el("span", .cls("fr-hint-text"), .txt("SHA-256 \(batch.sha256.prefix(12))…"))),
                                .group(
                                    .txt(batch.importKind?.label ?? batch.kind),
                                    .when(
                                        batch.profile != nil,
                                        .el("span", .cls("fr-hint-text"), .txt("profil \(batch.profile ?? "")")))),
                                .txt(UI.number(batch.created)), .txt(UI.number(batch.updated)),
                                .txt(UI.number(batch.rejected)),
                                .txt(batch.actor),
                                batch.status == ImportBatch.valid
                                    ? UI.badge("Validé", kind: "success") : UI.badge("Annulé", kind: "new"),
                                batch.status == ImportBatch.valid && batch.importKind?.canUndo == true
                                    ? .postForm(
                                        .regional,
                                        .attr("action", SiteURL.importUndo(batch.id.uuidString.lowercased()).path),
                                        .el(
                                            "button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"),
                                            .attr("type", "submit"), .txt("Annuler ce lot")))
                                    : .empty
                            ]
                        }, numericColumns: [3, 4, 5])))
    }
}
