import Foundation
import JalonCore
import Plot

extension AccountIndex {
    static func scopeText(role: Role, territories: [String], indicators: [String]) -> String {
        switch role {
        case .animateur: "Territoires : " + (territories.isEmpty ? "aucun" : territories.joined(separator: ", "))
        case .contributeur:
            "Indicateurs : " + indicators.joined(separator: ", ")
                + (territories.isEmpty ? "" : " ; territoires : " + territories.joined(separator: ", "))
        default: "Toute la région"
        }
    }

    static func accountFields(_ form: Form?, withEmail: Bool) -> HNode {
        .el(
            "div", .cls("fr-grid-row fr-grid-row--gutters"),
            .when(
                withEmail,
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "compte-email", name: "email", label: "Adresse électronique", value: form?.email,
                        type: "email", required: true))),
            .el(
                "div", .cls("fr-col-12 fr-col-md-4"),
                UI.input(id: "compte-nom", name: "name", label: "Nom affiché", value: form?.name)),
            .el(
                "div", .cls("fr-col-12 fr-col-md-4"),
                UI.select(
                    id: "compte-role", name: "role", label: "Rôle",
                    options: Role.allCases.map { ($0.rawValue, $0.label) },
                    selected: form?.role ?? Role.lecteur.rawValue)),
            .el(
                "div", .cls("fr-col-12 fr-col-md-6"),
                UI.input(
                    id: "compte-territoires", name: "territories", label: "Territoires", value: form?.territories,
                    hint: "Animateur, contributeur : codes séparés par des virgules (D59, TAN-…)")),
            .el(
                "div", .cls("fr-col-12 fr-col-md-6"),
                UI.input(
                    id: "compte-indicateurs", name: "indicators", label: "Indicateurs attribués",
                    value: form?.indicators,
                    hint: "Contributeur : codes séparés par des virgules")))
    }

    static func render(_ model: Model) -> String {
        Layout(title: "Comptes", section: nil, breadcrumb: [("Comptes", SiteURL.accounts.path)]).render(
            .group(
                UI.h1("Comptes et droits"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Compte non créé")),
                UI.table(
                    caption: "Comptes",
                    headers: [("Compte", false), ("Rôle", false), ("Périmètre", false), ("État", false)],
                    rows: model.rows.map { row in
                        [
                            .link(SiteURL.account(row.user.id.uuidString.lowercased()).path, .txt(row.user.email)),
                            .txt(row.user.roleValue.label),
                            .txt(
                                scopeText(
                                    role: row.user.roleValue, territories: row.territories,
                                    indicators: row.indicators)),
                            row.user.active ? UI.badge("Actif", kind: "success") : UI.badge("Désactivé", kind: "error")
                        ]
                    }),
                .el("h2", .txt("Nouveau compte")),
                .postForm(
                    .attr("action", SiteURL.accounts.path),
                    accountFields(model.form, withEmail: true),
                    UI.input(
                        id: "compte-mdp", name: "password", label: "Mot de passe initial", value: nil,
                        hint:
                            "\(PasswordPolicy.minimumLength) caractères au moins ; "
                            + "à transmettre à la personne, qui le changera.",
                        type: "password", required: true),
                    .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Créer le compte")))))
    }
}
