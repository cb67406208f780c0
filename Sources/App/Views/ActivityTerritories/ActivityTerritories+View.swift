import Foundation
import JalonCore
import Plot

extension ActivityTerritories {
    static func label(_ topic: String) -> String {
        ActivityTopic.known.first { $0.code == topic }.map { "\($0.label) (\($0.code))" } ?? topic
    }

    static func render(_ model: Model) -> String {
        Layout(
            title: "Activités par territoire", section: .activities,
            breadcrumb: [("Activités", SiteURL.activities.path), ("Par territoire", SiteURL.activityTerritories.path)]
        ).render(
            .group(
                UI.h1("Activités par territoire — \(model.territory.name)"),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.activityTerritories.path), .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "t-territoire", name: "territoire", label: "Région ou territoire",
                                value: model.territory.code)),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-4"),
                            UI.input(
                                id: "t-depuis", name: "depuis", label: "Depuis", value: model.since?.iso, type: "date")
                        ),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-4"),
                            UI.input(id: "t-date", name: "date", label: "À la date", value: model.at.iso, type: "date"))
                    ),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"),
                        .txt("Afficher"))),
                .el(
                    "p",
                    .txt(
                        "Part des structures ouvertes de chaque couloir touchées au moins une fois"
                            + (model.since.map { " depuis le \(Format.date(iso: $0.iso))" } ?? "")
                            + ", au \(Format.date(iso: model.at.iso)) ; "
                            + "une structure touchée plusieurs fois compte une fois."
                    )),
                UI.table(
                    caption: "Actions et structures touchées par territoire",
                    headers: [("Territoire", false), ("Actions", true)]
                        + ReachQuery.reportedCouloirs.map { ($0.rawValue, true) },
                    rows: model.rows.map { row in
                        [
                            .link(
                                SiteURL.activities.with([
                                    ("territoire", row.territory.code), ("du", model.since?.iso), ("au", model.at.iso)
                                ]), .txt(row.territory.name)),
                            .txt(UI.number(row.actions))
                        ]
                            + ReachQuery.reportedCouloirs.map { couloir in
                                let reach = row.reach[couloir] ?? .init(reached: 0, open: 0)
                                return reach.open == 0
                                    ? .txt("—")
                                    : .group(
                                        .txt(Format.percent(reach.share ?? 0)),
                                        .el(
                                            "span", .cls("fr-hint-text"),
                                            .txt("\(UI.number(reach.reached)) / \(UI.number(reach.open))")))
                            }
                    }, numericColumns: Set(1...(1 + ReachQuery.reportedCouloirs.count))),
                .when(
                    model.map != nil,
                    .el(
                        "figure", .cls("fr-content-media"), .raw(model.map ?? ""),
                        .el(
                            "figcaption", .cls("fr-content-media__caption"),
                            .txt(
                                "Part des structures \(model.mapCouloir.rawValue) touchées par département : "
                                    + "vert 75 % et plus, bleu 50 à 75 %, orange 25 à 50 %, rouge moins de 25 %."
                            )))),
                .el("h2", .cls("fr-mt-5w"), .txt("Actions par thème — \(model.territory.name)")),
                model.topics.isEmpty
                    ? .el("p", .txt("Aucune action."))
                    : UI.table(
                        caption: "Actions par thème", headers: [("Thème", false), ("Actions", true)],
                        rows: model.topics.map { t in [.txt(label(t.topic)), .txt(UI.number(t.actions))] },
                        numericColumns: [1])))
    }
}
