import Plot

extension LoginForm {
    static func render(_ model: Model) -> String {
        Layout(title: "Connexion", section: nil).render(
            .el(
                "div", .cls("fr-grid-row fr-grid-row--center"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-8 fr-col-lg-6"),
                    UI.h1("Connexion à Jalon"),
                    .when(model.error != nil, UI.alert(model.error ?? "", kind: "error")),
                    .postForm(
                        .attr("action", SiteURL.login.path), .attr("id", "connexion"),
                        .void("input", [("type", "hidden"), ("name", "suite"), ("value", model.next)]),
                        .void(
                            "input",
                            [
                                ("type", "hidden"), ("name", SessionController.loginTokenField),
                                ("value", model.loginToken)
                            ]),
                        .el(
                            "fieldset", .cls("fr-fieldset"),
                            .el("legend", .cls("fr-fieldset__legend"), .txt("Se connecter avec son compte")),
                            .el(
                                "div", .cls("fr-fieldset__element"),
                                .el(
                                    "div", .cls("fr-input-group"),
                                    .el(
                                        "label", .cls("fr-label"), .attr("for", "email"), .txt("Adresse électronique"),
                                        .el("span", .cls("fr-hint-text"), .txt("Format attendu : nom@domaine.fr"))),
                                    .void(
                                        "input",
                                        [
                                            ("class", "fr-input"), ("id", "email"), ("name", "email"),
                                            ("type", "email"),
                                            ("autocomplete", "username"), ("required", "required"),
                                            ("value", model.email)
                                        ]))),
                            .el(
                                "div", .cls("fr-fieldset__element"),
                                .el(
                                    "div", .cls("fr-password"),
                                    .el("label", .cls("fr-label"), .attr("for", "password"), .txt("Mot de passe")),
                                    .el(
                                        "div", .cls("fr-input-wrap"),
                                        .void(
                                            "input",
                                            [
                                                ("class", "fr-password__input fr-input"), ("id", "password"),
                                                ("name", "password"),
                                                ("type", "password"), ("autocomplete", "current-password"),
                                                ("required", "required")
                                            ])))),
                            .el(
                                "div", .cls("fr-fieldset__element"),
                                .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Se connecter")))),
                        .el(
                            "p", .cls("fr-hint-text"),
                            .txt("Mot de passe oublié : demandez à un administrateur de Jalon de le réinitialiser.")))))
        )
    }
}
