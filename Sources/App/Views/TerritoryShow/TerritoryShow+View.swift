import JalonCore
import Plot

extension TerritoryShow {
    static func render(_ model: Model) -> String {
        let territory = model.territory
        let crumbs =
            [("Territoires", SiteURL.territories.path)]
            + model.ancestors.map { ($0.name, SiteURL.territory($0.code).path) }
            + [(territory.name, SiteURL.territory(territory.code).path)]
        return Layout(title: territory.name, section: .territories, breadcrumb: crumbs).render(
            .group(
                UI.h1(territory.name),
                .el("div", UI.badge(territory.kind.label), .txt(" "), .el("code", .txt(territory.code))),
                .el(
                    "ul", .cls("jalon-kpis"),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(territory.population))),
                        .txt("habitants (population municipale)")),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.communeCount))),
                        .txt(model.communeCount > 1 ? "communes" : "commune")),
                    .el(
                        "li",
                        .link(
                            SiteURL.structures.with([("territoire", territory.code)]),
                            .el(
                                "span", .cls("jalon-kpi__value"),
                                .txt(UI.number(model.openByCouloir.values.reduce(0, +)))),
                            .txt("structures ouvertes")))),
                .when(territory.kind == .custom, customSection(model)),
                .el("h2", .txt("Structures ouvertes par couloir")),
                UI.table(
                    caption: "Structures ouvertes par couloir — \(territory.name)",
                    headers: [("Couloir", false), ("Structures ouvertes", true)],
                    rows: Couloir.structural.map { couloir in
                        [
                            .link(
                                SiteURL.structures.with([("territoire", territory.code), ("couloir", couloir.rawValue)]
                                ),
                                .txt(UI.couloirLabel(couloir.rawValue))),
                            .txt(UI.number(model.openByCouloir[couloir.rawValue] ?? 0))
                        ]
                    }, numericColumns: [1]),
                membershipsSection(model),
                // Official territories come from the COG and change only with it: their section appears once a
                // target is set on them.
                .when(
                    territory.kind == .custom || !model.history.isEmpty,
                    .group(
                        .el("h2", .txt("Historique de la définition et des cibles")),
                        model.history.isEmpty
                            ? .el("p", .txt("Aucune modification enregistrée."))
                            : HistoryTable.render(model.history, caption: "Historique de \(territory.name)"))),
                .when(
                    !model.children.isEmpty,
                    .group(
                        .el("h2", .txt("\(model.childrenTitle) (\(UI.number(model.childrenTotal)))")),
                        .when(
                            model.childrenTotal > model.children.count,
                            .el(
                                "p", .cls("fr-text--sm"),
                                .txt("Les \(UI.number(model.children.count)) premiers sont affichés."))),
                        UI.table(
                            caption: "\(model.childrenTitle) — \(territory.name)",
                            headers: [("Territoire", false), ("Code", false), ("Population", true)],
                            rows: model.children.map { child in
                                [
                                    .link(SiteURL.territory(child.code).path, .txt(child.name)),
                                    .el("code", .txt(child.code)),
                                    .txt(UI.number(child.population))
                                ]
                            }, numericColumns: [2])))))
    }

    static func customSection(_ model: Model) -> HNode {
        .group(
            .el("h2", .txt("Définition")),
            .el(
                "p", .txt("Découpage : "),
                model.decoupage.map { .link(SiteURL.decoupage($0.code).path, .txt($0.name)) } ?? .txt("aucun"),
                .txt(" · Parent : "),
                model.territory.parentCode.map { .link(SiteURL.territory($0).path, .txt($0)) } ?? .txt("aucun")),
            .el("p", .txt("Membres (\(model.members.count)) : ")),
            .el(
                "ul",
                .each(model.members) { member in
                    .el(
                        "li", .link(SiteURL.territory(member.code).path, .txt("\(member.name) (\(member.code))")),
                        .txt(" — \(member.kind.label)"))
                }))
    }

    static func membershipsSection(_ model: Model) -> HNode {
        guard !model.memberships.isEmpty else { return .empty }
        return .group(
            .el("h2", .txt("Territoires personnalisés")),
            UI.table(
                caption: "Territoires personnalisés qui contiennent tout ou partie de \(model.territory.name)",
                headers: [("Territoire", false), ("Code", false), ("Appartenance", false)],
                rows: model.memberships.map { membership in
                    [
                        .link(SiteURL.territory(membership.territory.code).path, .txt(membership.territory.name)),
                        .el("code", .txt(membership.territory.code)),
                        .txt(
                            membership.isComplete
                                ? "entièrement"
                                : "en partie (\(UI.number(membership.communesInside)) communes "
                                    + "sur \(UI.number(membership.communesTotal)))"
                        )
                    ]
                }))
    }
}
