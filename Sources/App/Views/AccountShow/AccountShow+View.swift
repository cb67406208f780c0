import Foundation
import JalonCore
import Plot

extension AccountShow {
    static func tokensTable(_ tokens: [APIToken], admin: Bool) -> HNode {
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

    static func render(_ model: Model) -> String {
        let user = model.row.user
        let id = user.id.uuidString.lowercased()
        let form = AccountIndex.Form(
            email: user.email, name: user.name, role: user.role,
            territories: model.row.territories.joined(separator: ", "),
            indicators: model.row.indicators.joined(separator: ", "))
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
                    AccountIndex.accountFields(form, withEmail: false),
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
                HistoryTable.render(model.history, caption: "Historique du compte")))
    }
}
