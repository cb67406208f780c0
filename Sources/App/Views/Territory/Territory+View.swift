import JalonCore
import Plot

extension TerritoryPage {
    static func render(_ m: Model) -> String {
        let t = m.territory
        let crumbs =
            [("Territoires", SiteURL.territories.path)] + m.ancestors.map { ($0.name, SiteURL.territory($0.code).path) }
            + [(t.name, SiteURL.territory(t.code).path)]
        return Layout(title: t.name, section: .territories, breadcrumb: crumbs).render(
            .group(
                UI.h1(t.name),
                .el("div", UI.badge(t.kind.label), .txt(" "), .el("code", .txt(t.code))),
                .el(
                    "ul", .cls("jalon-kpis"),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(t.population))),
                        .txt("habitants (population municipale)")),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(m.communeCount))),
                        .txt(m.communeCount > 1 ? "communes" : "commune")),
                    .el(
                        "li",
                        .link(
                            SiteURL.structures.with([("territoire", t.code)]),
                            .el("span", .cls("jalon-kpi__value"), .txt(UI.number(m.openByCouloir.values.reduce(0, +)))),
                            .txt("structures ouvertes")))),
                .when(t.kind == .custom, customSection(m)),
                .el("h2", .txt("Structures ouvertes par couloir")),
                UI.table(
                    caption: "Structures ouvertes par couloir — \(t.name)",
                    headers: [("Couloir", false), ("Structures ouvertes", true)],
                    rows: Couloir.structural.map { c in
                        [
                            .link(
                                SiteURL.structures.with([("territoire", t.code), ("couloir", c.rawValue)]),
                                .txt(UI.couloirLabel(c.rawValue))),
                            .txt(UI.number(m.openByCouloir[c.rawValue] ?? 0))
                        ]
                    }, numericColumns: [1]),
                membershipsSection(m),
                // Official territories come from the COG and change only with it: their section appears once a target is set on them.
                .when(
                    t.kind == .custom || !m.history.isEmpty,
                    .group(
                        .el("h2", .txt("Historique de la définition et des cibles")),
                        m.history.isEmpty
                            ? .el("p", .txt("Aucune modification enregistrée."))
                            : AuditPage.table(m.history, caption: "Historique de \(t.name)"))),
                .when(
                    !m.children.isEmpty,
                    .group(
                        .el("h2", .txt("\(m.childrenTitle) (\(UI.number(m.childrenTotal)))")),
                        .when(
                            m.childrenTotal > m.children.count,
                            .el(
                                "p", .cls("fr-text--sm"),
                                .txt("Les \(UI.number(m.children.count)) premiers sont affichés."))),
                        UI.table(
                            caption: "\(m.childrenTitle) — \(t.name)",
                            headers: [("Territoire", false), ("Code", false), ("Population", true)],
                            rows: m.children.map { c in
                                [
                                    .link(SiteURL.territory(c.code).path, .txt(c.name)), .el("code", .txt(c.code)),
                                    .txt(UI.number(c.population))
                                ]
                            }, numericColumns: [2])))))
    }

    static func customSection(_ m: Model) -> HNode {
        .group(
            .el("h2", .txt("Définition")),
            .el(
                "p", .txt("Découpage : "),
                m.decoupage.map { .link(SiteURL.decoupage($0.code).path, .txt($0.name)) } ?? .txt("aucun"),
                .txt(" · Parent : "),
                m.territory.parentCode.map { .link(SiteURL.territory($0).path, .txt($0)) } ?? .txt("aucun")),
            .el("p", .txt("Membres (\(m.members.count)) : ")),
            .el(
                "ul",
                .each(m.members) { mem in
                    .el(
                        "li", .link(SiteURL.territory(mem.code).path, .txt("\(mem.name) (\(mem.code))")),
                        .txt(" — \(mem.kind.label)"))
                }))
    }

    static func membershipsSection(_ m: Model) -> HNode {
        guard !m.memberships.isEmpty else { return .empty }
        return .group(
            .el("h2", .txt("Territoires personnalisés")),
            UI.table(
                caption: "Territoires personnalisés qui contiennent tout ou partie de \(m.territory.name)",
                headers: [("Territoire", false), ("Code", false), ("Appartenance", false)],
                rows: m.memberships.map { ms in
                    [
                        .link(SiteURL.territory(ms.territory.code).path, .txt(ms.territory.name)),
                        .el("code", .txt(ms.territory.code)),
                        .txt(
                            ms.isComplete
                                ? "entièrement"
                                : "en partie (\(UI.number(ms.communesInside)) communes sur \(UI.number(ms.communesTotal)))"
                        )
                    ]
                }))
    }
}
