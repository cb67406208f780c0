import JalonCore
import Plot

extension IndicatorPage {
    static func renderList(_ m: ListModel) -> String {
        Layout(title: "Indicateurs", section: .indicators, breadcrumb: [("Indicateurs", SiteURL.indicators.path)])
            .render(
                .group(
                    UI.h1("Indicateurs"),
                    .el(
                        "p",
                        .link(
                            SiteURL.entry.path, .cls("fr-btn fr-btn--secondary"), .txt("Saisir une valeur ou une cible")
                        )),
                    m.indicators.isEmpty
                        ? UI.alert(
                            "Aucun indicateur : créez la feuille de route depuis le modèle national (jalon roadmap template segur-2021-2023).",
                            kind: "info")
                        : UI.table(
                            caption: "Indicateurs",
                            headers: [
                                ("Code", false), ("Libellé", false), ("Couloir", false), ("Type", false),
                                ("Agrégation", false), ("Source", false)
                            ],
                            rows: m.indicators.map { i in
                                let d = i.definition
                                return [
                                    .link(SiteURL.indicator(d.code).path, .el("code", .txt(d.code))), .txt(d.label),
                                    .txt(d.couloir.rawValue),
                                    .txt(kindLabel(d)), .txt(rollupLabel(d.rollup)), .txt(d.source)
                                ]
                            })))
    }

    static func kindLabel(_ d: IndicatorDefinition) -> String {
        let kind =
            switch d.kind {
            case .count: "nombre"
            case .share: "part"
            case .rate: "taux"
            case .perInhabitant: "par habitant"
            case .boolean: "oui/non"
            case .qualitative: "qualitatif"
            }
        return kind
            + (d.nature == .flow
                ? (d.cumulativeSince.map { ", cumulé depuis \(Format.date(iso: $0.iso))" } ?? ", flux") : "")
            + (d.formula.map { " — formule \($0)" } ?? "")
    }

    static func rollupLabel(_ r: IndicatorDefinition.RollupRule) -> String {
        switch r {
        case .sum: "somme"
        case .ratio: "ratio des sommes"
        case .shareOfStructures: "part des structures"
        case .countOfStructures: "nombre de structures"
        case .mean: "moyenne"
        case .min: "minimum"
        case .max: "maximum"
        case .none: "aucune"
        }
    }

    static func render(_ m: Model) -> String {
        let d = m.indicator.definition
        return Layout(
            title: d.code, section: .indicators,
            breadcrumb: [("Indicateurs", SiteURL.indicators.path), (d.code, SiteURL.indicator(d.code).path)]
        ).render(
            .group(
                UI.h1("\(d.code) — \(d.label)"),
                .el(
                    "p", UI.badge(d.couloir.rawValue),
                    .txt(
                        " \(kindLabel(d)) · agrégation : \(rollupLabel(d.rollup)) · source : \(d.source.isEmpty ? "—" : d.source)"
                    ),
                    .when(!m.fiches.isEmpty, .txt(" · fiche : \(m.fiches.joined(separator: ", "))"))),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.indicator(d.code).path), .cls("fr-mb-3w"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(id: "ind-date", name: "date", label: "Photo à date", value: m.at.iso, type: "date")
                        ),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "ind-territoire", name: "territoire", label: "Territoire", value: m.territory.code))
                    ),
                    .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Afficher"))),
                .el("h2", .txt("\(m.territory.name) au \(Format.date(iso: m.at.iso))")),
                UI.keyValueTable(
                    caption: "Avancement — \(m.territory.name)",
                    rows: [
                        ("Valeur", .txt(m.main.value)), ("Cible", .txt(m.main.target)),
                        ("Réalisation", .txt(m.main.realisation)),
                        ("Projection à l'échéance", .txt(m.main.projection)),
                        ("Statut", UI.badge(m.main.status.label, kind: IndicatorFormat.badgeKind(m.main.status))),
                        ("Provenance", .txt(m.main.provenance))
                    ]),
                .el(
                    "figure", .cls("fr-content-media"),
                    .raw(
                        SVGChart.line(
                            title: "\(d.code) — \(m.territory.name)", series: m.series, targets: m.targets,
                            trajectory: m.trajectory,
                            valueFormat: { IndicatorFormat.value($0, d) })),
                    .el(
                        "figcaption", .cls("fr-content-media__caption"),
                        .txt("Évolution, cibles et trajectoire — \(m.territory.name)"))),
                .when(
                    !m.rows.isEmpty,
                    .group(
                        .el("h2", .txt("Par territoire")),
                        .when(
                            m.map != nil,
                            .el(
                                "figure", .cls("fr-content-media"), .raw(m.map ?? ""),
                                .el(
                                    "figcaption", .cls("fr-content-media__caption"),
                                    .txt("Départements colorés selon leur statut (survolez pour la valeur)")))),
                        .raw(
                            SVGChart.bars(
                                title: "\(d.code) par territoire au \(Format.date(iso: m.at.iso))",
                                items: m.rows.compactMap { r in
                                    r.rawValue.map { (label: r.territory.name, value: $0, target: r.rawTarget) }
                                },
                                valueFormat: { IndicatorFormat.value($0, d) })),
                        UI.table(
                            caption: "\(d.code) par territoire au \(Format.date(iso: m.at.iso))",
                            headers: [
                                ("Territoire", false), ("Valeur", true), ("Cible", false), ("Réalisation", true),
                                ("Projection", false), ("Statut", false)
                            ],
                            rows: m.rows.map { r in
                                [
                                    .link(
                                        SiteURL.indicator(d.code).with([
                                            ("territoire", r.territory.code), ("date", m.at.iso)
                                        ]), .txt(r.territory.name)),
                                    .group(.txt(r.value), .when(r.inconsistent, UI.badge("écart", kind: "warning"))),
                                    .txt(r.target), .txt(r.realisation), .txt(r.projection),
                                    UI.badge(r.status.label, kind: IndicatorFormat.badgeKind(r.status))
                                ]
                            }, numericColumns: [1, 3]))),
                .el("h2", .txt("Dernières observations")),
                .el(
                    "p",
                    .link(
                        SiteURL.exportObservations(.csv).with([("indicateur", d.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("Exporter toutes les observations en CSV (Excel)")), .txt(" · "),
                    .link(
                        SiteURL.exportObservations(.xlsx).with([("indicateur", d.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("en XLSX")), .txt(" · "),
                    .link(
                        SiteURL.exportTargets(.csv).with([("indicateur", d.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("Exporter ses cibles en CSV")),
                    .txt(" · "),
                    .link(
                        SiteURL.exportTargets(.xlsx).with([("indicateur", d.code)]),
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("en XLSX"))),
                m.observations.isEmpty
                    ? .el("p", .txt("Aucune observation."))
                    : UI.table(
                        caption: "Observations de \(d.code)",
                        headers: [
                            ("Territoire ou structure", false), ("Période", false), ("Valeur", false),
                            ("Provenance", false), ("Enregistrée le", false)
                        ],
                        rows: m.observations.map {
                            [
                                .txt($0.subject), .txt($0.period), .txt($0.value), .txt($0.provenance),
                                .txt($0.recordedAt)
                            ]
                        }),
                .el("h2", .txt("Historique des modifications")),
                m.history.isEmpty
                    ? .el("p", .txt("Aucune valeur remplacée."))
                    : UI.table(
                        caption: "Valeurs remplacées de \(d.code)",
                        headers: [
                            ("Territoire ou structure", false), ("Période", false), ("Ancienne valeur", false),
                            ("Provenance", false), ("Remplacée le", false)
                        ],
                        rows: m.history.map {
                            [
                                .txt($0.subject), .txt($0.period), .txt($0.value), .txt($0.provenance),
                                .txt($0.recordedAt)
                            ]
                        }),
                .el("h2", .txt("Historique de la définition et des cibles")),
                m.audit.isEmpty
                    ? .el("p", .txt("Aucune modification enregistrée."))
                    : AuditPage.table(m.audit, caption: "Historique de \(d.code)")))
    }
}
