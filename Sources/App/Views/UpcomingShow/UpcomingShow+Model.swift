/// Placeholder pages for what comes next, so the navigation already shows the whole product.
enum UpcomingShow {
    static let pages: [String: (Layout.Section, String)] = [
        "comites": (.committees, "Comités, ordres du jour, relevés de décision et photos à date validées.")
    ]

    struct Model: Sendable, Equatable {
        var slug: String
        var section: Layout.Section
        var text: String

        /// The placeholder announced under this slug; nil for a page that is not planned.
        init?(slug: String) {
            guard let (section, text) = UpcomingShow.pages[slug] else { return nil }
            self.slug = slug
            self.section = section
            self.text = text
        }
    }
}
