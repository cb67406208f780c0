import Foundation
import JalonCore
import Plot

extension ActivityWorklist {
    /// The filter as the page's query string, for the CSV link.
    static func filterQuery(_ model: Model) -> [(String, String?)] {
        [
            ("territoire", model.territoryInput), ("couloir", model.couloir.rawValue), ("depuis", model.notSince?.iso),
            ("indicateur", model.indicator)
        ]
    }

    static func render(_ model: Model) -> String {
        Layout(
            title: "Structures à toucher", section: .activities,
            breadcrumb: [("Activités", SiteURL.activities.path), ("Structures à toucher", SiteURL.worklist.path)]
        ).render(
            .group(
                UI.h1("Structures à toucher"),
                .el(
                    "p",
                    .txt(
                        "Les structures ouvertes d'un couloir et d'un territoire qui n'ont été touchées par "
                            + "aucune action depuis une date, ou qui n'utilisent pas encore un service ; "
                            + "jamais touchées d'abord, puis celles dont le dernier contact est le plus ancien."
                    )),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error")),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.worklist.path), .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "w-territoire", name: "territoire", label: "Territoire",
                                value: model.territoryInput,
                                hint: "ex. D59, TAN-LITTORAL")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "w-couloir", name: "couloir", label: "Couloir",
                                options: Couloir.allCases.filter { $0 != .tous }.map { ($0.rawValue, $0.label) },
                                selected: model.couloir.rawValue)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2"),
                            UI.input(
                                id: "w-depuis", name: "depuis", label: "Pas touchées depuis le",
                                value: model.notSince?.iso,
                                type: "date")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.select(
                                id: "w-indicateur", name: "indicateur", label: "N'utilisant pas encore",
                                options: [("", "— (tous)")]
                                    + model.indicators.map { ($0.code, "\($0.code) — \($0.label.prefix(60))") },
                                selected: model.indicator))),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"),
                        .txt("Afficher"))),
                model.territory == nil
                    ? .empty
                    : .group(
                        .el(
                            "p",
                            .txt(
                                "\(UI.number(model.items.count)) structure(s) \(model.couloir.rawValue) "
                                    + "à toucher en \(model.territory?.name ?? "")"
                            ), .txt(" · "),
                            .link(
                                SiteURL.worklist.with(filterQuery(model) + [("format", "csv")]),
                                .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                                .txt("Exporter en CSV (Excel)"))),
                        model.items.isEmpty
                            ? UI.alert("Toutes les structures de ce filtre ont été touchées.", kind: "success")
                            : UI.table(
                                caption: "Structures à toucher",
                                headers: [
                                    ("Structure", false), ("Commune", false), ("Catégorie", false),
                                    ("Dernier contact", false), ("", false)
                                ],
                                rows: model.items.map { item in
                                    [
                                        .link(SiteURL.structure(item.key).path, .txt(item.name)), .txt(item.city),
                                        .txt(item.category),
                                        .txt(item.lastReached.map { Format.date(iso: $0.iso) } ?? "jamais"),
                                        .link(
                                            SiteURL.activityNew.with([
                                                ("structure", item.key), ("type", ActivityType.visite.rawValue),
                                                ("territoire", model.territory?.code)
                                            ]),
                                            .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .txt("Consigner une visite"))
                                    ]
                                }))))
    }
}
