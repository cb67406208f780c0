import JalonCore
import Plot

extension Dashboard {
    static func render(_ m: Model) -> String {
        let statuses: [Progress.Status] = [
            .enRetard, .aRisque, .enCours, .enBonneVoie, .atteint, .nonRenseigne, .sansCible
        ]
        return Layout(
            title: "Feuille de route", section: .roadmap, breadcrumb: [("Feuille de route", SiteURL.roadmap.path)]
        ).render(
            .group(
                UI.h1(m.roadmapName),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt(
                        "Photo au \(Format.date(iso: m.at.iso)) — \(m.territory.name)\(m.couloir.map { ", couloir \($0.rawValue)" } ?? "")"
                    )),
                filterForm(m),
                .el(
                    "p",
                    .link(
                        SiteURL.comparison.with([("date", m.at.iso), ("couloir", m.couloir?.rawValue)]),
                        .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Comparer les territoires")), .txt(" · "),
                    .link(
                        SiteURL.tasks.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Tableau des tâches")), .txt(" · "),
                    .link(
                        SiteURL.snapshots.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Photos à date validées")), .txt(" · "),
                    .link(
                        SiteURL.exportProgress(.csv).with([
                            ("date", m.at.iso), ("territoire", m.territory.code), ("couloir", m.couloir?.rawValue)
                        ]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("Exporter en CSV (Excel)")),
                    .txt(" · "),
                    .link(
                        SiteURL.exportProgress(.xlsx).with([
                            ("date", m.at.iso), ("territoire", m.territory.code), ("couloir", m.couloir?.rawValue)
                        ]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("en XLSX"))),
                .el(
                    "ul", .cls("jalon-kpis"),
                    .each(statuses) { s in
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(m.count(s)))),
                            UI.badge(s.label, kind: IndicatorFormat.badgeKind(s)))
                    }),
                .when(
                    !m.urgent.isEmpty,
                    .group(
                        .el("h2", .txt("En retard ou à risque")),
                        table(m.urgent, caption: "Indicateurs en retard ou à risque", m: m))),
                .each(m.objectives) { o in
                    .group(
                        .el("h2", .txt("Objectif \(o.number) — \(o.title)")),
                        o.fiches.isEmpty
                            ? .el("p", .txt("Aucun indicateur pour ces critères."))
                            : .each(o.fiches) { f in
                                .group(
                                    .el(
                                        "h3",
                                        .link(
                                            SiteURL.fiche(f.code).with([("date", m.at.iso)]), .txt("Fiche \(f.title)"))),
                                    table(f.rows, caption: "Fiche \(f.title)", m: m))
                            })
                }))
    }

    static func filterForm(_ m: Model) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.roadmap.path), .cls("fr-mb-3w"),
            .attr("aria-label", "Choisir la date, le territoire et le couloir"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.input(id: "photo-date", name: "date", label: "Photo à date", value: m.at.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "photo-territoire", name: "territoire", label: "Territoire",
                        options: m.territoryChoices.map { ($0.code, "\($0.name) (\($0.code))") },
                        selected: m.territory.code)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-4"),
                    UI.select(
                        id: "photo-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous les couloirs")]
                            + ([.ms] + Couloir.structural).map { ($0.rawValue, UI.couloirLabel($0.rawValue)) },
                        selected: m.couloir?.rawValue))),
            .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Afficher")))
    }

    static func table(_ rows: [Row], caption: String, m: Model) -> HNode {
        UI.table(
            caption: caption,
            headers: [
                ("Indicateur", false), ("Couloir", false), ("Cible", false), ("Valeur", true), ("Réalisation", true),
                ("Statut", false), ("Tendance", false)
            ],
            rows: rows.map { r in
                [
                    .group(
                        .link(
                            SiteURL.indicator(r.code).with([("territoire", m.territory.code), ("date", m.at.iso)]),
                            .el("code", .txt(r.code))), .txt(" "), .txt(r.label)),
                    .txt(r.couloir),
                    .txt(r.due.isEmpty ? r.target : "\(r.target) (\(r.due))"),
                    .group(
                        .txt(r.value),
                        .when(!r.valueDate.isEmpty, .el("span", .cls("fr-hint-text"), .txt(r.valueDate))),
                        .when(r.inconsistent, UI.badge("écart avec la somme des territoires", kind: "warning"))),
                    .txt(r.realisation),
                    UI.badge(r.status.label, kind: IndicatorFormat.badgeKind(r.status)),
                    .raw(SVGChart.sparkline(r.trend, label: "Tendance de \(r.code) sur les 12 dernières valeurs"))
                ]
            }, numericColumns: [3, 4])
    }
}
