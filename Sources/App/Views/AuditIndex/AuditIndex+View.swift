import Foundation
import JalonCore
import Plot

extension AuditIndex {
    static func render(_ model: Model) -> String {
        let filter = model.filter
        let query: [(String, String?)] = [
            ("acteur", filter.actor), ("action", filter.action), ("objet", filter.objectType),
            ("identifiant", filter.objectID), ("q", filter.text)
        ]
        let pages = max(1, (model.total + filter.perPage - 1) / filter.perPage)
        return Layout(
            title: "Journal d'audit", section: .referentials, breadcrumb: [("Journal d'audit", SiteURL.audit.path)]
        ).render(
            .group(
                UI.h1("Journal d'audit"),
                .el(
                    "p",
                    .txt(
                        "Chaque écriture — création, modification, import, annulation, fusion — avec son auteur, "
                            + "sa date et son contenu. Le journal s'écrit dans la même transaction que la modification "
                            + "qu'il décrit ; rien dans l'application ne le modifie."
                    )),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.audit.path), .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2"),
                            UI.input(id: "au-acteur", name: "acteur", label: "Par", value: filter.actor)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2"),
                            UI.select(
                                id: "au-action", name: "action", label: "Action",
                                options: [("", "Toutes")] + HistoryTable.actions,
                                selected: filter.action)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2"),
                            UI.input(
                                id: "au-objet", name: "objet", label: "Type d'objet", value: filter.objectType,
                                hint: "ex. activity, indicator")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "au-id", name: "identifiant", label: "Identifiant", value: filter.objectID)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(id: "au-q", name: "q", label: "Texte", value: filter.text))),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"), .txt("Rechercher")
                    )),
                .el(
                    "p", .txt("\(UI.number(model.total)) événement(s) · "),
                    .link(
                        SiteURL.auditCSV.with(query), .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Exporter en CSV"))),
                model.events.isEmpty
                    ? .el("p", .txt("Aucun événement."))
                    : HistoryTable.render(model.events, caption: "Journal d'audit, le plus récent d'abord"),
                .when(
                    pages > 1,
                    UI.pagination(page: filter.page, pageCount: pages) {
                        SiteURL.audit.with(query + [("page", String($0))])
                    }
                )))
    }
}
