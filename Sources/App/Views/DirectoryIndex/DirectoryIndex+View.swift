import Foundation
import JalonCore
import Plot

extension DirectoryIndex {
    static func upload(_ kind: String, label: String) -> HNode {
        .postForm(
            .regional, .attr("action", SiteURL.directoryImport.path), .attr("enctype", "multipart/form-data"),
            .cls("fr-mb-3w"),
            .void("input", [("type", "hidden"), ("name", "kind"), ("value", kind)]),
            .el(
                "div", .cls("fr-upload-group"),
                .el("label", .cls("fr-label"), .attr("for", "annuaire-\(kind)"), .txt(label)),
                .void(
                    "input",
                    [
                        ("class", "fr-upload"), ("type", "file"), ("id", "annuaire-\(kind)"), ("name", "file"),
                        ("accept", ".csv,text/csv")
                    ])),
            .el(
                "button", .cls("fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w"), .attr("type", "submit"),
                .txt("Importer")))
    }

    static func render(_ model: Model) -> String {
        let byID = Dictionary(uniqueKeysWithValues: model.contacts.map { ($0.id, $0) })
        return Layout(
            title: "Annuaire", section: .activities,
            breadcrumb: [("Activités", SiteURL.activities.path), ("Annuaire", SiteURL.directory.path)]
        ).render(
            .group(
                UI.h1("Annuaire : organisations et contacts"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Import refusé")),
                .el(
                    "p",
                    .link(
                        SiteURL.whoToContact.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Qui contacter, territoire par territoire"))),
                .el("h2", .txt("Organisations (\(model.organisations.count))")),
                .el(
                    "p",
                    .link(
                        SiteURL.directoryCSV("organisations").path,
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("Exporter en CSV"))),
                upload("organisations", label: "Importer des organisations (CSV code;nom;type;territoires)"),
                .el(
                    "details", .cls("fr-mb-3w"), .el("summary", .txt("Ajouter ou modifier une organisation")),
                    .postForm(
                        .regional, .attr("action", SiteURL.directoryOrganisations.path),
                        .el(
                            "div", .cls("fr-grid-row fr-grid-row--gutters"),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-3"),
                                UI.input(
                                    id: "o-code", name: "code", label: "Code", value: nil, hint: "ex. CPAM-LILLE",
                                    required: true)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(id: "o-nom", name: "name", label: "Nom", value: nil, required: true)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-2"),
                                UI.select(
                                    id: "o-type", name: "kind", label: "Type",
                                    options: DirectoryService.organisationKinds.map { ($0.code, $0.label) },
                                    selected: nil)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-3"),
                                UI.input(
                                    id: "o-territoires", name: "territories", label: "Territoires", value: nil,
                                    hint: "ex. D59, TAN-LITTORAL"))),
                        .el(
                            "button", .cls("fr-btn fr-btn--sm fr-mt-2w"), .attr("type", "submit"),
                            .txt("Enregistrer l'organisation")))),
                UI.table(
                    caption: "Organisations",
                    headers: [("Code", false), ("Nom", false), ("Type", false), ("Territoires", false)],
                    rows: model.organisations.map { organisation in
                        [
                            .el("code", .txt(organisation.code)), .txt(organisation.name),
                            .txt(
                                DirectoryService.organisationKinds.first { $0.code == organisation.kind }?.label
                                    ?? organisation.kind),
                            .txt(organisation.territories.joined(separator: ", "))
                        ]
                    }),
                .el("h2", .cls("fr-mt-5w"), .txt("Contacts (\(model.contacts.count))")),
                .el(
                    "p",
                    .link(
                        SiteURL.directoryCSV("contacts").path, .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Exporter en CSV"))),
                upload(
                    "contacts",
                    label: "Importer des contacts (CSV civilite;prenom;nom;fonction;organisation;structure;email;"
                        + "telephone;roles;territoires;consentement)"
                ),
                .when(
                    !model.duplicates.isEmpty,
                    .group(
                        .el("h3", .txt("Doublons probables (\(model.duplicates.count))")),
                        UI.table(
                            caption: "Doublons probables",
                            headers: [("Garder", false), ("Fusionner dedans", false), ("Motif", false), ("", false)],
                            rows: model.duplicates.map { duplicate in
                                [
                                    .txt(byID[duplicate.keep].map { "\($0.name) <\($0.email)>" } ?? "?"),
                                    .txt(byID[duplicate.other].map { "\($0.name) <\($0.email)>" } ?? "?"),
                                    .txt(duplicate.reason),
                                    .postForm(
                                        .regional, .attr("action", SiteURL.directoryMerge.path),
                                        .void(
                                            "input",
                                            [("type", "hidden"), ("name", "keep"), ("value", duplicate.keep.uuidString)]
                                        ),
                                        .void(
                                            "input",
                                            [
                                                ("type", "hidden"), ("name", "other"),
                                                ("value", duplicate.other.uuidString)
                                            ]),
                                        .el(
                                            "button", .cls("fr-btn fr-btn--sm fr-btn--secondary"),
                                            .attr("type", "submit"), .txt("Fusionner")))
                                ]
                            }))),
                .el(
                    "details", .cls("fr-mb-3w"), .el("summary", .txt("Ajouter un contact")),
                    .postForm(
                        .contacts, .attr("action", SiteURL.directoryContacts.path),
                        .el(
                            "div", .cls("fr-grid-row fr-grid-row--gutters"),
                            .el(
                                "div", .cls("fr-col-4 fr-col-md-2"),
                                UI.input(id: "c-civilite", name: "civility", label: "Civilité", value: nil)),
                            .el(
                                "div", .cls("fr-col-8 fr-col-md-5"),
                                UI.input(id: "c-prenom", name: "first_name", label: "Prénom", value: nil)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-5"),
                                UI.input(id: "c-nom", name: "last_name", label: "Nom", value: nil, required: true))),
                        .el(
                            "div", .cls("fr-grid-row fr-grid-row--gutters"),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(id: "c-fonction", name: "function", label: "Fonction", value: nil)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.select(
                                    id: "c-organisation", name: "organisation", label: "Organisation",
                                    options: [("", "—")] + model.organisations.map { ($0.code, $0.name) }, selected: nil
                                )),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(
                                    id: "c-structure", name: "structure", label: "ou structure (FINESS)", value: nil))),
                        .el(
                            "div", .cls("fr-grid-row fr-grid-row--gutters"),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(id: "c-email", name: "email", label: "Courriel", value: nil, type: "email")),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(id: "c-telephone", name: "phone", label: "Téléphone", value: nil)),
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(
                                    id: "c-territoires", name: "territories", label: "Territoires", value: nil,
                                    hint: "codes séparés par des virgules"))),
                        UI.input(
                            id: "c-roles", name: "roles", label: "Rôles", value: nil,
                            hint: "séparés par des virgules : animateur territorial, référent INS, RSSI, DSI…"),
                        .el(
                            "div", .cls("fr-checkbox-group"),
                            .void(
                                "input",
                                [
                                    ("type", "checkbox"), ("id", "c-consentement"), ("name", "mailing_consent"),
                                    ("value", "1")
                                ]),
                            .el(
                                "label", .cls("fr-label"), .attr("for", "c-consentement"),
                                .txt("Accepte les envois d'information"))),
                        .el(
                            "button", .cls("fr-btn fr-btn--sm fr-mt-2w"), .attr("type", "submit"),
                            .txt("Ajouter le contact")))),
                UI.table(
                    caption: "Contacts",
                    headers: [
                        ("Nom", false), ("Fonction", false), ("Organisation ou structure", false), ("Rôles", false),
                        ("Territoires", false),
                        ("Courriel", false), ("Envois", false)
                    ],
                    rows: model.contacts.map { contact in
                        [
                            .txt(contact.name), .txt(contact.function),
                            .txt(contact.organisation ?? contact.structure ?? "—"),
                            .txt(contact.roles.joined(separator: ", ")),
                            .txt(contact.territories.joined(separator: ", ")),
                            .txt(contact.email),
                            contact.mailingConsent
                                ? UI.badge("accepte", kind: "success") : UI.badge("refuse", kind: "warning")
                        ]
                    }),
                .el("h2", .cls("fr-mt-5w"), .txt("Dernières modifications de l'annuaire")),
                model.history.isEmpty
                    ? .el("p", .txt("Aucune modification enregistrée."))
                    : HistoryTable.render(
                        model.history, caption: "Dernières modifications des contacts et organisations"))
        )
    }
}
