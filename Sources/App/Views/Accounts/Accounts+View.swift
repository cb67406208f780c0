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
                rows: tokens.map { t in
                    [
                        .txt(t.name), .txt(Role(rawValue: t.role)?.label ?? t.role),
                        .txt(t.territories.isEmpty ? "—" : t.territories.replacingOccurrences(of: ",", with: ", ")),
                        .txt(Format.date(t.created_at)), .txt(t.last_used_at.map(Format.date) ?? "jamais"),
                        t.revoked_at != nil
                            ? UI.badge("Révoqué", kind: "error")
                            : .postForm(
                                .attr(
                                    "action",
                                    SiteURL.tokenRevoke(t.id.uuidString.lowercased()).path
                                        + (admin ? "?retour=admin" : "")),
                                .el(
                                    "button", .attr("type", "submit"), .cls("fr-btn fr-btn--sm fr-btn--tertiary"),
                                    .txt("Révoquer")))
                    ]
                })
    }

    static func renderMine(_ m: Mine) -> String {
        Layout(title: "Mon compte", section: nil, breadcrumb: [("Mon compte", SiteURL.myAccount.path)]).render(
            .group(
                UI.h1("Mon compte"),
                .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Refusé")),
                UI.shownOnce(
                    m.newToken, title: "Jeton créé : copiez-le maintenant, il ne sera plus affiché",
                    id: "nouveau-jeton",
                    usage: "Utilisation : en-tête « Authorization: Bearer <jeton> » sur l'API."),
                UI.keyValueTable(
                    caption: "Mon compte",
                    rows: [
                        ("Adresse électronique", .txt(m.user.email)), ("Nom", .txt(m.user.name)),
                        ("Rôle", .txt(m.grant.role.label)),
                        (
                            "Périmètre",
                            .txt(
                                scopeText(
                                    role: m.grant.role, territories: m.grant.territories.sorted(),
                                    indicators: m.grant.indicators.sorted()))
                        ),
                        ("Mot de passe changé le", .txt(Format.date(m.user.password_changed_at)))
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
                            "\(PasswordPolicy.minimumLength) caractères au moins ; une phrase de passe est la meilleure solution.",
                        type: "password", required: true),
                    UI.input(
                        id: "mdp-confirmation", name: "confirmation", label: "Confirmation", value: nil,
                        type: "password", required: true),
                    .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Changer le mot de passe"))),
                .el("h2", .txt("Jetons d'API")),
                .el(
                    "p",
                    .txt(
                        "Pour les imports automatiques : un jeton agit avec vos droits, ou moins (un rôle inférieur, une partie de vos territoires)."
                    )),
                tokensTable(m.tokens, admin: false),
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
                                    + Role.allCases.filter { $0 >= m.grant.role }.map { ($0.rawValue, $0.label) },
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

    static func accountFields(_ f: AccountController.AccountForm?, withEmail: Bool) -> HNode {
        .el(
            "div", .cls("fr-grid-row fr-grid-row--gutters"),
            .when(
                withEmail,
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "compte-email", name: "email", label: "Adresse électronique", value: f?.email,
                        type: "email", required: true))),
            .el(
                "div", .cls("fr-col-12 fr-col-md-4"),
                UI.input(id: "compte-nom", name: "name", label: "Nom affiché", value: f?.name)),
            .el(
                "div", .cls("fr-col-12 fr-col-md-4"),
                UI.select(
                    id: "compte-role", name: "role", label: "Rôle",
                    options: Role.allCases.map { ($0.rawValue, $0.label) }, selected: f?.role ?? Role.lecteur.rawValue)),
            .el(
                "div", .cls("fr-col-12 fr-col-md-6"),
                UI.input(
                    id: "compte-territoires", name: "territories", label: "Territoires", value: f?.territories,
                    hint: "Animateur, contributeur : codes séparés par des virgules (D59, TAN-…)")),
            .el(
                "div", .cls("fr-col-12 fr-col-md-6"),
                UI.input(
                    id: "compte-indicateurs", name: "indicators", label: "Indicateurs attribués", value: f?.indicators,
                    hint: "Contributeur : codes séparés par des virgules")))
    }

    static func renderList(_ m: List) -> String {
        Layout(title: "Comptes", section: nil, breadcrumb: [("Comptes", SiteURL.accounts.path)]).render(
            .group(
                UI.h1("Comptes et droits"),
                .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Compte non créé")),
                UI.table(
                    caption: "Comptes",
                    headers: [("Compte", false), ("Rôle", false), ("Périmètre", false), ("État", false)],
                    rows: m.rows.map { r in
                        [
                            .link(SiteURL.account(r.user.id.uuidString.lowercased()).path, .txt(r.user.email)),
                            .txt(r.user.roleValue.label),
                            .txt(
                                scopeText(role: r.user.roleValue, territories: r.territories, indicators: r.indicators)),
                            r.user.active ? UI.badge("Actif", kind: "success") : UI.badge("Désactivé", kind: "error")
                        ]
                    }),
                .el("h2", .txt("Nouveau compte")),
                .postForm(
                    .attr("action", SiteURL.accounts.path),
                    accountFields(m.form, withEmail: true),
                    UI.input(
                        id: "compte-mdp", name: "password", label: "Mot de passe initial", value: nil,
                        hint:
                            "\(PasswordPolicy.minimumLength) caractères au moins ; à transmettre à la personne, qui le changera.",
                        type: "password", required: true),
                    .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Créer le compte")))))
    }

    static func renderOne(_ m: One) -> String {
        let u = m.row.user
        let id = u.id.uuidString.lowercased()
        let form = AccountController.AccountForm(
            email: u.email, name: u.name, role: u.role, territories: m.row.territories.joined(separator: ", "),
            indicators: m.row.indicators.joined(separator: ", "), active: u.active ? "1" : "0", version: u.version)
        return Layout(
            title: u.email, section: nil,
            breadcrumb: [("Comptes", SiteURL.accounts.path), (u.email, SiteURL.account(id).path)]
        ).render(
            .group(
                UI.h1(u.email),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Modification refusée")),
                UI.shownOnce(
                    m.newPassword, title: "Mot de passe réinitialisé : transmettez-le, il ne sera plus affiché",
                    id: "nouveau-mot-de-passe"),
                .postForm(
                    .attr("action", SiteURL.account(id).path), .cls("fr-mb-3w"),
                    .void("input", [("type", "hidden"), ("name", "version"), ("value", "\(u.version)")]),
                    accountFields(form, withEmail: false),
                    .el(
                        "div", .cls("fr-checkbox-group fr-mb-3w"),
                        .void(
                            "input",
                            [("type", "checkbox"), ("id", "compte-actif"), ("name", "active"), ("value", "1")]
                                + (u.active ? [("checked", "checked")] : [])),
                        .el("label", .cls("fr-label"), .attr("for", "compte-actif"), .txt("Compte actif"))),
                    .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Enregistrer les droits"))),
                .postForm(
                    .attr("action", SiteURL.accountPassword(id).path), .cls("fr-mb-5w"),
                    .el(
                        "button", .attr("type", "submit"), .cls("fr-btn fr-btn--secondary"),
                        .txt("Réinitialiser le mot de passe"))),
                .el("h2", .txt("Jetons d'API")),
                tokensTable(m.tokens, admin: true),
                .el("h2", .txt("Historique")),
                AuditPage.table(m.history, caption: "Historique du compte")))
    }
}
