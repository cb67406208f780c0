import JalonCore
import Plot

extension Structures {
    static func render(_ m: Model) -> String {
        let f = m.filter
        let title = m.territory.map { "Structures — \($0.name)" } ?? "Structures"
        return Layout(title: title, section: .structures, breadcrumb: [("Structures", SiteURL.structures.path)]).render(
            .group(
                UI.h1(title),
                .when(
                    m.unknownTerritory != nil,
                    UI.alert(
                        "Territoire inconnu « \(m.unknownTerritory ?? "") » : le filtre n'est pas appliqué.",
                        kind: "warning")),
                filterForm(m),
                .el(
                    "p", .attr("id", "resultats"), .attr("role", "status"),
                    .txt("\(UI.number(m.page.total)) structure\(m.page.total > 1 ? "s" : "") · "),
                    .link(
                        SiteURL.structuresCSV.with(f.query()), .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Exporter en CSV (Excel)"))),
                m.page.items.isEmpty
                    ? .el("p", .txt("Aucune structure ne correspond à ces critères."))
                    : UI.table(
                        caption: "Structures",
                        headers: [
                            ("Nom", false), ("FINESS", false), ("Catégorie", false), ("Couloir", false),
                            ("Commune", false), ("Statut", false)
                        ],
                        rows: m.page.items.map { s in
                            [
                                .group(
                                    .link(SiteURL.structure(s.key).path, .txt(s.name)),
                                    .when(s.isDemo, .group(.txt(" "), UI.demoBadge()))),
                                .el("code", .txt(s.finessET ?? "—")), .txt(s.categoryLabel), .txt(s.couloir),
                                .txt(s.communeName ?? s.city), UI.statusBadge(open: s.isOpen)
                            ]
                        }),
                UI.pagination(page: m.page.page, pageCount: m.page.pageCount) {
                    SiteURL.structures.with(f.query(page: $0))
                }))
    }

    static func filterForm(_ m: Model) -> HNode {
        let f = m.filter
        return .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.structures.path), .cls("fr-mb-3w"),
            .attr("aria-label", "Filtrer les structures"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "filtre-q", name: "q", label: "Recherche", value: f.text,
                        hint: "Nom, numéro FINESS ou commune")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "filtre-territoire", name: "territoire", label: "Territoire", value: f.territory,
                        hint: "Code : R32, D59, C59350, TAN-LITTORAL…")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous les couloirs")]
                            + ([.ms] + Couloir.structural).map { ($0.rawValue, UI.couloirLabel($0.rawValue)) },
                        selected: f.couloir?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-categorie", name: "categorie", label: "Catégorie FINESS",
                        options: [("", "Toutes les catégories")]
                            + m.categories.map { ($0.code, "\($0.code) — \($0.label)") },
                        selected: f.category)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-statut", name: "statut", label: "Statut",
                        options: [("ouvertes", "Ouvertes"), ("fermees", "Fermées"), ("toutes", "Toutes")],
                        selected: f.status.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-tri", name: "tri", label: "Trier par",
                        options: [
                            ("nom", "Nom"), ("finess", "Numéro FINESS"), ("commune", "Commune"),
                            ("categorie", "Catégorie"), ("couloir", "Couloir"), ("ouverture", "Date d'ouverture")
                        ],
                        selected: f.sort.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-ordre", name: "ordre", label: "Ordre",
                        options: [("", "Croissant"), ("desc", "Décroissant")], selected: f.descending ? "desc" : ""))),
            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Filtrer")),
            .txt(" "),
            .link(SiteURL.structures.path, .cls("fr-btn fr-btn--secondary"), .txt("Réinitialiser")))
    }
}
