import JalonCore
import Plot

extension ActivityReport {
    static func render(_ model: Model) -> String {
        let rows = model.rows
        let from = model.from
        let to = model.to
        let types = ActivityType.allCases.filter { t in rows.contains { ($0.byType[t.rawValue] ?? 0) > 0 } }
        return Layout(
            title: "Bilan par organisateur", section: .activities,
            breadcrumb: [
                ("Activités", SiteURL.activities.path), ("Bilan par organisateur", SiteURL.activityReport.path)
            ]
        ).render(
            .group(
                UI.h1("Bilan des activités par organisateur"),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.activityReport.path), .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-3"),
                            UI.input(id: "b-du", name: "du", label: "Du", value: from?.iso, type: "date")),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-3"),
                            UI.input(id: "b-au", name: "au", label: "Au", value: to?.iso, type: "date"))),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"),
                        .txt("Afficher"))),
                .el(
                    "p",
                    .txt(
                        "Par organisation ou par personne (animateur, délégué, référent) telle qu'inscrite "
                            + "comme organisateur ; une activité à plusieurs organisateurs compte pour chacun."
                    )),
                rows.isEmpty
                    ? .el("p", .txt("Aucune activité."))
                    : UI.table(
                        caption: "Bilan par organisateur",
                        headers: [
                            ("Organisateur", false), ("Actions", true), ("Participants", true),
                            ("Structures touchées", true)
                        ] + types.map { ($0.label, true) },
                        rows: rows.map { row in
                            [
                                .link(
                                    SiteURL.activities.with([
                                        ("organisateur", row.organiser), ("du", from?.iso), ("au", to?.iso)
                                    ]), .txt(row.organiser)),
                                .txt(UI.number(row.actions)), .txt(UI.number(row.participants)),
                                .txt(UI.number(row.structures))
                            ] + types.map { .txt(UI.number(row.byType[$0.rawValue] ?? 0)) }
                        }, numericColumns: Set(1...(3 + types.count)))))
    }
}
