import Foundation
import JalonCore
import Plot

extension MyAccountShow {
    static func render(_ model: Model) -> String {
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
                                AccountIndex.scopeText(
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
                AccountShow.tokensTable(model.tokens, admin: false),
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
}
