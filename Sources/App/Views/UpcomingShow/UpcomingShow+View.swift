import Plot

extension UpcomingShow {
    static func render(_ model: Model) -> String {
        Layout(
            title: model.section.label, section: model.section,
            breadcrumb: [(model.section.label, SiteURL.upcoming(model.slug).path)]
        ).render(
            .group(
                UI.h1(model.section.label),
                UI.alert(model.text, kind: "info", title: "Bientôt disponible"),
                .el("p", .link(SiteURL.home.path, .cls("fr-link"), .txt("Retour au tableau de bord")))))
    }
}
