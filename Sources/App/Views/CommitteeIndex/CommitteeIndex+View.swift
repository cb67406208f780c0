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
                    : .group(months(model.meetings)),
                .el("h2", .cls("fr-mt-5w"), .txt("Nouveau comité")),
                .postForm(
                    .committees, .attr("action", SiteURL.committees.path),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.input(id: "comite-nom", name: "name", label: "Nom", value: "", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.select(
                                id: "comite-type", name: "kind", label: "Type",
                                options: CommitteeKind.allCases.map { ($0.rawValue, $0.label) }, selected: "crns")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "comite-frequence", name: "frequency", label: "Fréquence", value: "",
                                hint: "3 par an, mensuelle, toutes les 6 semaines", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "comite-territoire", name: "territory", label: "Territoire (pour un COTAN)",
                                value: "", hint: "code du TAN, ex. TAN-LITTORAL")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "comite-organisations", name: "organisations", label: "Organisations qui l'animent",
                                value: "", hint: "codes de l'annuaire, ex. ARS, GRADeS"))),
                    UI.textarea(id: "comite-objectifs", name: "objectives", label: "Objectifs", value: ""),
                    UI.textarea(
                        id: "comite-odj", name: "agenda_template", label: "Ordre du jour type", value: "",
                        hint: "un point par ligne : « 20 min | Indicateurs de la feuille de route | ARS »"),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Créer le comité")))))
    }

    static func yearSelector(_ year: Int) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.committees.path), .cls("fr-mb-3w jalon-inline"),
            UI.input(id: "comites-annee", name: "annee", label: "Année", value: "\(year)", type: "number"),
            .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Afficher")))
    }

    /// The year's meetings, one list per month.
    static func months(_ meetings: [Planned]) -> [HNode] {
        Dictionary(grouping: meetings, by: \.day.month).sorted { $0.key < $1.key }.map { month, planned in
            .group(
                .el("h3", .cls("fr-h6 fr-mt-3w"), .txt(Format.months[month - 1].capitalized)),
                .el(
                    "ul",
                    .group(
                        planned.map { meeting in
                            .el(
                                "li",
                                .txt("\(Format.date(iso: meeting.day.iso)) à \(meeting.startTime) — "),
                                .link(SiteURL.committee(meeting.committeeCode).path, .txt(meeting.committeeName)),
                                .when(meeting.status != .planned, .txt(" (\(meeting.status.label.lowercased()))")))
                        })))
        }
    }
}
