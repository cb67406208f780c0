import Plot

/// Placeholder pages for what comes next, so the navigation already shows the whole product.
enum Upcoming {
    static let pages: [String: (Layout.Section, String)] = [
        "comites": (.committees, "Comités, ordres du jour, relevés de décision et photos à date validées.")
    ]

    static func render(slug: String) -> String? {
        guard let (section, text) = pages[slug] else { return nil }
        return Layout(
            title: section.label, section: section, breadcrumb: [(section.label, SiteURL.upcoming(slug).path)]
        ).render(
            .group(
                UI.h1(section.label),
                UI.alert(text, kind: "info", title: "Bientôt disponible"),
                .el("p", .link(SiteURL.home.path, .cls("fr-link"), .txt("Retour au tableau de bord")))))
    }
}
