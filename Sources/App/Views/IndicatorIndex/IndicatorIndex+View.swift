import JalonCore
import Plot

extension IndicatorIndex {
    static func render(_ model: Model) -> String {
        Layout(title: "Indicateurs", section: .indicators, breadcrumb: [("Indicateurs", SiteURL.indicators.path)])
            .render(
                .group(
                    UI.h1("Indicateurs"),
                    .el(
                        "p",
                        .link(
                            SiteURL.entry.path, .cls("fr-btn fr-btn--secondary"), .txt("Saisir une valeur ou une cible")
                        )),
                    model.indicators.isEmpty
                        ? UI.alert(
                            "Aucun indicateur : créez la feuille de route depuis le modèle "
                                + "national (jalon roadmap template segur-2021-2023).",
                            kind: "info")
                        : UI.table(
                            caption: "Indicateurs",
                            headers: [
                                ("Code", false), ("Libellé", false), ("Couloir", false), ("Type", false),
                                ("Agrégation", false), ("Source", false)
                            ],
                            rows: model.indicators.map { indicator in
                                let definition = indicator.definition
                                return [
                                    .link(SiteURL.indicator(definition.code).path, .el("code", .txt(definition.code))),
                                    .txt(definition.label),
                                    .txt(definition.couloir.rawValue),
                                    .txt(IndicatorFormat.kindLabel(definition)),
                                    .txt(IndicatorFormat.rollupLabel(definition.rollup)),
                                    .txt(definition.source)
                                ]
                            })))
    }
}
