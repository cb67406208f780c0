import JalonCore
import Plot

extension StructureIndex {
    static func render(_ model: Model) -> String {
        let filter = model.filter
        let title = model.territory.map { "Structures — \($0.name)" } ?? "Structures"
        return Layout(title: title, section: .structures, breadcrumb: [("Structures", SiteURL.structures.path)]).render(
            .group(
                UI.h1(title),
                .when(
                    model.unknownTerritory != nil,
                    UI.alert(
                        "Territoire inconnu « \(model.unknownTerritory ?? "") » : le filtre n'est pas appliqué.",
                        kind: "warning")),
                filterForm(model),
                .el(
                    "p", .attr("id", "resultats"), .attr("role", "status"),
                    .txt("\(UI.number(model.page.total)) structure\(model.page.total > 1 ? "s" : "") · "),
                    .link(
                        SiteURL.structuresCSV.with(filter.query()),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Exporter en CSV (Excel)"))),
                model.page.items.isEmpty
                    ? .el("p", .txt("Aucune structure ne correspond à ces critères."))
                    : UI.table(
                        caption: "Structures",
                        headers: [
                            ("Nom", false), ("FINESS", false), ("Catégorie", false), ("Couloir", false),
                            ("Commune", false), ("Statut", false)
                        ],
                        rows: model.page.items.map { structure in
                            [
                                .group(
                                    .link(SiteURL.structure(structure.key).path, .txt(structure.name)),
                                    .when(structure.isDemo, .group(.txt(" "), UI.demoBadge()))),
                                .el("code", .txt(structure.finessET ?? "—")), .txt(structure.categoryLabel),
                                .txt(structure.couloir),
                                .txt(structure.communeName ?? structure.city), UI.statusBadge(open: structure.isOpen)
                            ]
                        }),
                UI.pagination(page: model.page.page, pageCount: model.page.pageCount) {
                    SiteURL.structures.with(filter.query(page: $0))
                }))
    }

    static func filterForm(_ model: Model) -> HNode {
        let filter = model.filter
        return .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.structures.path), .cls("fr-mb-3w"),
            .attr("aria-label", "Filtrer les structures"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "filtre-q", name: "q", label: "Recherche", value: filter.text,
                        hint: "Nom, numéro FINESS ou commune")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(
                        id: "filtre-territoire", name: "territoire", label: "Territoire", value: filter.territory,
                        hint: "Code : R32, D59, C59350, TAN-LITTORAL…")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous les couloirs")]
                            + ([.ms] + Couloir.structural).map { ($0.rawValue, UI.couloirLabel($0.rawValue)) },
                        selected: filter.couloir?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-categorie", name: "categorie", label: "Catégorie FINESS",
                        options: [("", "Toutes les catégories")]
                            + model.categories.map { ($0.code, "\($0.code) — \($0.label)") },
                        selected: filter.category)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-statut", name: "statut", label: "Statut",
                        options: [("ouvertes", "Ouvertes"), ("fermees", "Fermées"), ("toutes", "Toutes")],
                        selected: filter.status.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-tri", name: "tri", label: "Trier par",
                        options: [
                            ("nom", "Nom"), ("finess", "Numéro FINESS"), ("commune", "Commune"),
                            ("categorie", "Catégorie"), ("couloir", "Couloir"), ("ouverture", "Date d'ouverture")
                        ],
                        selected: filter.sort.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "filtre-ordre", name: "ordre", label: "Ordre",
                        options: [("", "Croissant"), ("desc", "Décroissant")], selected: filter.descending ? "desc" : ""
                    ))),
            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Filtrer")),
            .txt(" "),
            .link(SiteURL.structures.path, .cls("fr-btn fr-btn--secondary"), .txt("Réinitialiser")))
    }
}
