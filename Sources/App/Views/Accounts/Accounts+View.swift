import Foundation
import JalonCore
import Plot

extension AccountsPage {
    static func scopeText(role: Role, territories: [String], indicators: [String]) -> String {
        switch role {
        case .animateur: "Territoires : " + (territories.isEmpty ? "aucun" : territories.joined(separator: ", "))
        case .contributeur:
            "Indicateurs : " + indicators.joined(separator: ", ")
                + (territories.isEmpty ? "" : " ; territoires : " + territories.joined(separator: ", "))
        default: "Toute la région"
        }
    }

    static func tokensTable(_ tokens: [TokenService.Token], admin: Bool) -> HNode {
        tokens.isEmpty
            ? .el("p", .txt("Aucun jeton d'API."))
            : UI.table(
                caption: "Jetons d'API",
                headers: [
                    ("Nom", false), ("Rôle", false), ("Territoires", false), ("Créé le", false),
                    ("Dernier usage", false), ("État", false)
                ],
                rows: tokens.map { token in
                    [
                        .txt(token.name), .txt(Role(rawValue: token.role)?.label ?? token.role),
                        .txt(
                            token.territories.isEmpty
                                ? "—" : token.territories.replacingOccurrences(of: ",", with: ", ")),
                        .txt(Format.date(token.createdAt)), .txt(token.lastUsedAt.map(Format.date) ?? "jamais"),
                        token.revokedAt != nil
                            ? UI.badge("Révoqué", kind: "error")
                            : .postForm(
                                .attr(
                                    "action",
                                    SiteURL.tokenRevoke(token.id.uuidString.lowercased()).path
                                        + (admin ? "?retour=admin" : "")),
                                .el(
                                    "button", .attr("type", "submit"), .cls("fr-btn fr-btn--sm fr-btn--tertiary"),
                                    .txt("Révoquer")))
                    ]
                })
    }

    static func renderMine(_ model: Mine) -> String {
        Layout(title: "Mon compte", section: nil, breadcrumb: [("Mon compte", SiteURL.myAccount.path)]).render(
            .group(
                UI.h1("Mon compte"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Refusé")),
                UI.shownOnce(
                    model.newToken, title: "Jeton créé : copiez-le maintenant, il ne sera plus affiché",
                    id: "nouveau-jeton",
                    usage: "Utilisation : en-tête « Authorization: Bearer <jeton> » sur l'API."),
                UI.keyValueTable(
                    caption: "Mon compte",
                    rows: [
                        ("Adresse électronique", .txt(model.user.email)), ("Nom", .txt(model.user.name)),
                        ("Rôle", .txt(model.grant.role.label)),
                        (
                            "Périmètre",
                            .txt(
                                scopeText(
                                    role: model.grant.role, territories: model.grant.territories.sorted(),
                                    indicators: model.grant.indicators.sorted()))
                        ),
                        ("Mot de passe changé le", .txt(Format.date(model.user.passwordChangedAt)))
                    ]),
                .el("h2", .txt("Changer de mot de passe")),
                .postForm(
                    .attr("action", SiteURL.myPassword.path), .cls("fr-mb-5w"),
                    UI.input(
                        id: "mdp-actuel", name: "current", label: "Mot de passe actuel", value: nil, type: "password",
                        required: true),
                    UI.input(
                        id: "mdp-nouveau", name: "password", label: "Nouveau mot de passe", value: nil,
                        hint:
                            "\(PasswordPolicy.minimumLength) caractères au moins ; "
                            + "une phrase de passe est la meilleure solution.",
                        type: "password", required: true),
                    UI.input(
                        id: "mdp-confirmation", name: "confirmation", label: "Confirmation", value: nil,
                        type: "password", required: true),
                    .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Changer le mot de passe"))),
                .el("h2", .txt("Jetons d'API")),
                .el(
                    "p",
                    .txt(
                        "Pour les imports automatiques : un jeton agit avec vos droits, ou "
                            + "moins (un rôle inférieur, une partie de vos territoires)."
                    )),
                tokensTable(model.tokens, admin: false),
                .postForm(
                    .attr("action", SiteURL.myTokens.path),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "jeton-nom", name: "name", label: "Nom du jeton", value: nil,
                                hint: "ex. import mensuel INSi", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "jeton-role", name: "role", label: "Rôle",
                                options: [("", "Le mien")]
                                    + Role.allCases.filter { $0 >= model.grant.role }.map { ($0.rawValue, $0.label) },
                                selected: nil)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "jeton-territoires", name: "territories", label: "Territoires", value: nil,
                                hint: "codes séparés par des virgules")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                            .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Créer le jeton")))))))
    }

    static func accountFields(_ form: AccountController.AccountForm?, withEmail: Bool) -> HNode {
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

    static func renderList(_ model: List) -> String {
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

    static func renderOne(_ model: One) -> String {
        let user = model.row.user
        let id = user.id.uuidString.lowercased()
        let form = AccountController.AccountForm(
            email: user.email, name: user.name, role: user.role,
            territories: model.row.territories.joined(separator: ", "),
            indicators: model.row.indicators.joined(separator: ", "), active: user.active ? "1" : "0",
            version: user.version)
        return Layout(
            title: user.email, section: nil,
            breadcrumb: [("Comptes", SiteURL.accounts.path), (user.email, SiteURL.account(id).path)]
        ).render(
            .group(
                UI.h1(user.email),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Modification refusée")),
                UI.shownOnce(
                    model.newPassword, title: "Mot de passe réinitialisé : transmettez-le, il ne sera plus affiché",
                    id: "nouveau-mot-de-passe"),
                .postForm(
                    .attr("action", SiteURL.account(id).path), .cls("fr-mb-3w"),
                    .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(user.version)")]),
                    accountFields(form, withEmail: false),
                    .el(
                        "div", .cls("fr-checkbox-group fr-mb-3w"),
                        .void(
                            "input",
                            [("type", "checkbox"), ("id", "compte-actif"), ("name", "active"), ("value", "1")]
                                + (user.active ? [("checked", "checked")] : [])),
                        .el("label", .cls("fr-label"), .attr("for", "compte-actif"), .txt("Compte actif"))),
                    .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Enregistrer les droits"))),
                .postForm(
                    .attr("action", SiteURL.accountPassword(id).path), .cls("fr-mb-5w"),
                    .el(
                        "button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"),
                        .txt("Réinitialiser le mot de passe"))),
                .el("h2", .txt("Jetons d'API")),
                tokensTable(model.tokens, admin: true),
                .el("h2", .txt("Historique")),
                AuditPage.table(model.history, caption: "Historique du compte")))
    }
}
