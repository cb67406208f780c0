import JalonCore
import Plot

extension IndicatorShow {
    static func render(_ model: Model) -> String {
        let definition = model.indicator.definition
        return Layout(
            title: definition.code, section: .indicators,
            breadcrumb: [
                ("Indicateurs", SiteURL.indicators.path), (definition.code, SiteURL.indicator(definition.code).path)
            ]
        ).render(
            .group(
                UI.h1("\(definition.code) — \(definition.label)"),
                .el(
                    "p", UI.badge(definition.couloir.rawValue),
                    .txt(
                        " \(IndicatorFormat.kindLabel(definition)) "
                            + "· agrégation : \(IndicatorFormat.rollupLabel(definition.rollup)) "
                            + "· source : \(definition.source.isEmpty ? "—" : definition.source)"
                    ),
                    .when(!model.fiches.isEmpty, .txt(" · fiche : \(model.fiches.joined(separator: ", "))"))),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.indicator(definition.code).path),
                    .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "ind-date", name: "date", label: "Photo à date", value: model.at.iso, type: "date")
                        ),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "ind-territoire", name: "territoire", label: "Territoire",
                                value: model.territory.code)),
                        .unwrap(model.roadmap) {
                            .el("div", .cls("fr-col-12 fr-col-md-4"), RoadmapSelector.select($0, model.roadmapChoices))
                        }
                    ),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Afficher"))),
                .el("h2", .txt("\(model.territory.name) au \(Format.date(iso: model.at.iso))")),
                UI.keyValueTable(
                    caption: "Avancement — \(model.territory.name)",
                    rows: [
                        ("Valeur", .txt(model.main.value)), ("Cible", .txt(model.main.target)),
                        ("Réalisation", .txt(model.main.realisation)),
                        ("Évolution depuis la période précédente", .txt(model.variations.sincePrevious?.text ?? "—")),
                        ("Évolution sur un an", .txt(model.variations.sinceYearBefore?.text ?? "—")),
                        ("Évolution depuis la référence", .txt(model.variations.sinceBaseline?.text ?? "—")),
                        ("Projection à l'échéance", .txt(model.main.projection)),
                        (
                            "Statut",
                            UI.badge(model.main.status.label, kind: IndicatorFormat.badgeKind(model.main.status))
                        ),
                        ("Provenance", .txt(model.main.provenance))
                    ]),
                .el(
                    "figure", .cls("fr-content-media"),
                    .raw(
                        SVGChart.line(
                            title: "\(definition.code) — \(model.territory.name)", series: model.series,
                            targets: model.targets,
                            trajectory: model.trajectory,
                            valueFormat: { IndicatorFormat.value($0, definition) })),
                    .el(
                        "figcaption", .cls("fr-content-media__caption"),
                        .txt("Évolution, cibles et trajectoire — \(model.territory.name)"))),
                .when(
                    !model.rows.isEmpty,
                    .group(
                        .el("h2", .txt("Par territoire")),
                        .when(
                            model.map != nil,
                            .el(
                                "figure", .cls("fr-content-media"), .raw(model.map ?? ""),
                                .el(
                                    "figcaption", .cls("fr-content-media__caption"),
                                    .txt("Départements colorés selon leur statut (survolez pour la valeur)")))),
                        .raw(
                            SVGChart.bars(
                                title: "\(definition.code) par territoire au \(Format.date(iso: model.at.iso))",
                                items: model.rows.compactMap { row in
                                    row.rawValue.map { (label: row.territory.name, value: $0, target: row.rawTarget) }
                                },
                                valueFormat: { IndicatorFormat.value($0, definition) })),
                        UI.table(
                            caption: "\(definition.code) par territoire au \(Format.date(iso: model.at.iso))",
                            headers: [
                                ("Territoire", false), ("Valeur", true), ("Cible", false), ("Réalisation", true),
                                ("Projection", false), ("Statut", false)
                            ],
                            rows: model.rows.map { row in
                                [
                                    .link(
                                        SiteURL.indicator(definition.code).with([
                                            ("territoire", row.territory.code), ("date", model.at.iso)
                                        ]), .txt(row.territory.name)),
                                    .group(
                                        .txt(row.value), .when(row.inconsistent, UI.badge("écart", kind: "warning"))),
                                    .txt(row.target), .txt(row.realisation), .txt(row.projection),
                                    UI.badge(row.status.label, kind: IndicatorFormat.badgeKind(row.status))
                                ]
                            }, numericColumns: [1, 3]))),
                .el("h2", .txt("Dernières observations")),
                .el(
                    "p",
                    .link(
                        SiteURL.exportObservations(.csv).with([("indicateur", definition.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Exporter toutes les observations en CSV (Excel)")), .txt(" · "),
                    .link(
                        SiteURL.exportObservations(.xlsx).with([("indicateur", definition.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("en XLSX")), .txt(" · "),
                    .link(
                        SiteURL.exportTargets(.csv).with([("indicateur", definition.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("Exporter ses cibles en CSV")),
                    .txt(" · "),
                    .link(
                        SiteURL.exportTargets(.xlsx).with([("indicateur", definition.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("en XLSX"))),
                model.observations.isEmpty
                    ? .el("p", .txt("Aucune observation."))
                    : UI.table(
                        caption: "Observations de \(definition.code)",
                        headers: [
                            ("Territoire ou structure", false), ("Période", false), ("Valeur", false),
                            ("Provenance", false), ("Enregistrée le", false)
                        ],
                        rows: model.observations.map {
                            [
                                .txt($0.subject), .txt($0.period), .txt($0.value), .txt($0.provenance),
                                .txt($0.recordedAt)
                            ]
                        }),
                .el("h2", .txt("Historique des modifications")),
                model.history.isEmpty
                    ? .el("p", .txt("Aucune valeur remplacée."))
                    : UI.table(
                        caption: "Valeurs remplacées de \(definition.code)",
                        headers: [
                            ("Territoire ou structure", false), ("Période", false), ("Ancienne valeur", false),
                            ("Provenance", false), ("Remplacée le", false)
                        ],
                        rows: model.history.map {
                            [
                                .txt($0.subject), .txt($0.period), .txt($0.value), .txt($0.provenance),
                                .txt($0.recordedAt)
                            ]
                        }),
                .el("h2", .txt("Historique de la définition et des cibles")),
                model.audit.isEmpty
                    ? .el("p", .txt("Aucune modification enregistrée."))
                    : HistoryTable.render(model.audit, caption: "Historique de \(definition.code)")))
    }
}
