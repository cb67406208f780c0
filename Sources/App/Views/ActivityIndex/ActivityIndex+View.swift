import Foundation
import JalonCore
import Plot

extension ActivityIndex {
    static func filterForm(_ filter: ActivityFilter) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.activities.path), .cls("fr-mb-3w"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-6 fr-col-md-2"),
                    UI.input(id: "f-du", name: "du", label: "Du", value: filter.from?.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-6 fr-col-md-2"),
                    UI.input(id: "f-au", name: "au", label: "Au", value: filter.to?.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "f-type", name: "type", label: "Type",
                        options: [("", "Tous")] + ActivityType.allCases.map { ($0.rawValue, $0.label) },
                        selected: filter.type?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-2"),
                    UI.select(
                        id: "f-theme", name: "theme", label: "Thème",
                        options: [("", "Tous")] + ActivityTopic.known.map { ($0.code, $0.code) }, selected: filter.topic
                    )),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "f-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous")]
                            + Couloir.allCases.filter { $0 != .tous }.map { ($0.rawValue, $0.label) },
                        selected: filter.couloir?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(
                        id: "f-territoire", name: "territoire", label: "Territoire", value: filter.territory,
                        hint: "ex. R32, D59, TAN-LITTORAL")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(id: "f-organisateur", name: "organisateur", label: "Organisateur", value: filter.organiser)
                )),
            .el("button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"), .txt("Filtrer")))
    }

    /// The activities as a table: the journal here, a structure's timeline on its page.
    static func render(_ model: Model) -> String {
        let filter = model.filter
        let query: [(String, String?)] = [
            ("du", filter.from?.iso), ("au", filter.to?.iso), ("type", filter.type?.rawValue), ("theme", filter.topic),
            ("couloir", filter.couloir?.rawValue),
            ("territoire", filter.territory), ("organisateur", filter.organiser)
        ]
        let pages = max(1, (model.totals.activities + filter.perPage - 1) / filter.perPage)
        return Layout(title: "Activités", section: .activities, breadcrumb: [("Activités", SiteURL.activities.path)])
            .render(
                .group(
                    UI.h1("Journal des activités"),
                    .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                    .el(
                        "ul", .cls("fr-btns-group fr-btns-group--inline-md"),
                        .el("li", .link(SiteURL.activityNew.path, .cls("fr-btn"), .txt("Consigner une activité"))),
                        .el(
                            "li",
                            .link(SiteURL.worklist.path, .cls("fr-btn fr-btn--secondary"), .txt("Structures à toucher"))
                        ),
                        .el(
                            "li",
                            .link(
                                SiteURL.activityTerritories.path, .cls("fr-btn fr-btn--secondary"),
                                .txt("Par territoire"))),
                        .el(
                            "li",
                            .link(SiteURL.activityCalendar.path, .cls("fr-btn fr-btn--secondary"), .txt("Calendrier"))),
                        .el(
                            "li",
                            .link(
                                SiteURL.activityReport.path, .cls("fr-btn fr-btn--secondary"),
                                .txt("Bilan par organisateur"))),
                        .el(
                            "li",
                            .link(
                                SiteURL.directory.path, .cls("fr-btn fr-btn--secondary"),
                                .txt("Annuaire et qui contacter"))),
                        .el(
                            "li",
                            .link(
                                SiteURL.activitiesICS.path, .cls("fr-btn fr-btn--tertiary"),
                                .txt("Agenda (ICS) des activités à venir")))),
                    filterForm(filter),
                    .el(
                        "ul", .cls("jalon-kpis"),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.totals.activities))),
                            .txt("activités")),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.totals.participants))),
                            .txt("participants")),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.totals.structures))),
                            .txt("structures touchées (distinctes)"))),
                    model.rows.isEmpty
                        ? .el("p", .txt("Aucune activité pour ce filtre."))
                        : ActivityTable.render(model.rows, caption: "Activités, les plus récentes d'abord"),
                    .when(
                        pages > 1,
                        UI.pagination(page: filter.page, pageCount: pages) {
                            SiteURL.activities.with(query + [("page", String($0))])
                        })))
    }
}
