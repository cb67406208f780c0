import Plot

/// The "Feuille de route" choice of every page that steers one roadmap: a `feuille` field carried by
/// the page's GET form, so that the URL names the roadmap shown.
enum RoadmapSelector {
    static func select(_ chosen: Roadmap, _ choices: [Roadmap]) -> HNode {
        let listed = choices.contains(chosen) ? choices : [chosen] + choices
        return UI.select(
            id: "feuille", name: "feuille", label: "Feuille de route",
            options: listed.map { ($0.code, "\($0.name) (\($0.years), \($0.status.label))") }, selected: chosen.code)
    }
}
