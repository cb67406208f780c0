import JalonCore
import Plot

extension CommitteeIndex {
    static func render(_ model: Model) -> String {
        Layout(title: "Comités", section: .committees, breadcrumb: [("Comités", SiteURL.committees.path)]).render(
            .group(
                UI.h1("Comités"),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt("La comitologie de la région : instances, membres, réunions et leur programme annuel.")),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                model.entries.isEmpty
                    ? .el("p", .txt("Aucun comité pour l'instant : créez le premier ci-dessous."))
                    : UI.table(
                        caption: "Registre des comités",
                        headers: [
                            ("Comité", false), ("Type", false), ("Territoire", false), ("Fréquence", false),
                            ("Membres", true), ("Prochaine réunion", false)
                        ],
                        rows: model.entries.map { entry in
                            [
                                .link(SiteURL.committee(entry.committee.code).path, .txt(entry.committee.name)),
                                .txt(entry.committee.kindLabel), .txt(entry.territoryName ?? "Région"),
                                .txt(entry.committee.frequency), .txt("\(entry.members)"),
                                .txt(entry.nextMeeting ?? "—")
                            ]
                        }, numericColumns: [4]),
                .el("h2", .cls("fr-mt-5w"), .txt("Réunions de \(model.year)")),
                yearSelector(model.year),
                model.meetings.isEmpty
                    ? .el(
                        "p",
                        .txt(
                            "Aucune réunion en \(model.year) : proposez le programme de l'année "
                                + "sur la page d'un comité."
                        ))
                    : calendar(model.meetings, year: model.year),
                .el("h2", .cls("fr-mt-5w"), .txt("Nouveau comité")),
                .postForm(
                    .committees, .attr("action", SiteURL.committees.path), CommitteeForm.fields(nil),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Créer le comité")))))
    }

    static func yearSelector(_ year: Int) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.committees.path), .cls("fr-mb-3w jalon-inline"),
            UI.input(id: "comites-annee", name: "annee", label: "Année", value: "\(year)", type: "number"),
            .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Afficher")))
    }

    /// The year as committees print their comitologie: one row per committee, one column per month, each
    /// meeting's day linked to its page (a cancelled one struck through).
    static func calendar(_ meetings: [Planned], year: Int) -> HNode {
        var rows: [(code: String, name: String, meetings: [Planned])] = []
        for meeting in meetings {
            if let index = rows.firstIndex(where: { $0.code == meeting.committeeCode }) {
                rows[index].meetings.append(meeting)
            } else {
                rows.append((meeting.committeeCode, meeting.committeeName, [meeting]))
            }
        }
        return .el(
            "div", .cls("fr-table fr-table--bordered jalon-year"),
            .el(
                "table",
                .el("caption", .txt("Calendrier des réunions \(year)")),
                .el(
                    "thead",
                    .el(
                        "tr", .el("th", .attr("scope", "col"), .txt("Comité")),
                        .group(
                            zip(Format.months, abbreviations).map { month, short in
                                .el("th", .attr("scope", "col"), .el("abbr", .attr("title", month), .txt(short)))
                            }))),
                .el(
                    "tbody",
                    .group(
                        rows.sorted { $0.name < $1.name }.map { row in
                            .el(
                                "tr",
                                .el(
                                    "th", .attr("scope", "row"), .link(SiteURL.committee(row.code).path, .txt(row.name))
                                ),
                                .group(
                                    (1...12).map { month in
                                        .el(
                                            "td",
                                            .group(
                                                row.meetings.filter { $0.day.month == month }.map { meeting in
                                                    day(meeting, committee: row.name)
                                                }))
                                    }))
                        }))))
    }

    /// The months as French typography shortens them.
    static let abbreviations = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."
    ]

    static func day(_ meeting: Planned, committee: String) -> HNode {
        let label =
            "\(committee), \(Format.date(iso: meeting.day.iso)) à \(meeting.startTime)"
            + (meeting.status == .planned ? "" : " (\(meeting.status.label.lowercased()))")
        let link = HNode.el(
            "a", .attr("href", SiteURL.meeting(meeting.id.uuidString.lowercased()).path), .attr("title", label),
            .attr("aria-label", label), .txt("\(meeting.day.day)"))
        return .el("span", .cls("jalon-year__day"), meeting.status == .cancelled ? .el("s", link) : link, .txt(" "))
    }
}
