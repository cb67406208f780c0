import Foundation
import JalonCore
import Plot

extension ActivityCalendar {
    static let weekdays = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]

    static func render(_ model: Model) -> String {
        let month = model.month
        let rows = model.rows
        let first = Day(month.year, month.month, 1)
        let days = Day.daysIn(month: month.month, year: month.year)
        // Monday = 0 (1970-01-01 was a Thursday).
        // Euclidean remainder: before 1970 the ordinal is negative, and so would `%` be.
        let offset = ((first.ordinal + 3) % 7 + 7) % 7
        let byDay = Dictionary(grouping: rows, by: \.date.day)
        var cells: [HNode] = Array(repeating: .el("td", .txt("")), count: offset)
        for day in 1...days {
            let items = byDay[day] ?? []
            cells.append(
                .el(
                    "td", .cls("jalon-cal__day"), .el("strong", .txt(String(day))),
                    .el(
                        "ul", .cls("fr-text--xs"),
                        .each(Array(items.prefix(6))) { activity in
                            .el(
                                "li",
                                .link(
                                    SiteURL.activity(activity.id.uuidString.lowercased()).path,
                                    .txt("\(activity.type.label) — \(activity.title)")))
                        }),
                    .when(
                        items.count > 6,
                        .link(
                            SiteURL.activities.with([
                                ("du", Day(month.year, month.month, day).iso),
                                ("au", Day(month.year, month.month, day).iso)
                            ]),
                            .cls("fr-text--xs"), .txt("+ \(items.count - 6) autres")))))
        }
        while cells.count % 7 != 0 { cells.append(.el("td", .txt(""))) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<$0 + 7]) }
        let previous = first.addingMonths(-1)
        let next = first.addingMonths(1)
        let title = "\(Format.months[month.month - 1].capitalized) \(month.year)"
        return Layout(
            title: "Calendrier — \(title)", section: .activities,
            breadcrumb: [("Activités", SiteURL.activities.path), ("Calendrier", SiteURL.activityCalendar.path)]
        ).render(
            .group(
                UI.h1("Calendrier des activités — \(title)"),
                .el(
                    "p",
                    .link(
                        SiteURL.activityCalendar.with([("mois", String(previous.iso.prefix(7)))]),
                        .cls("fr-link fr-icon-arrow-left-line fr-link--icon-left"), .txt("Mois précédent")),
                    .txt(" · "),
                    .link(
                        SiteURL.activityCalendar.with([("mois", String(next.iso.prefix(7)))]),
                        .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"), .txt("Mois suivant")),
                    .txt(" · \(UI.number(rows.count)) activités")),
                .el(
                    "div", .cls("fr-table fr-table--no-caption"),
                    .el(
                        "table",
                        .el("caption", .txt("Activités de \(title)")),
                        .el("thead", .el("tr", .each(weekdays) { .el("th", .attr("scope", "col"), .txt($0)) })),
                        .el("tbody", .each(weeks) { w in .el("tr", .group(w)) })))))
    }
}
