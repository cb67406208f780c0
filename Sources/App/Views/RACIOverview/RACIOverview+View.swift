import JalonCore
import Plot

extension RACIOverview {
    static func render(_ model: Model) -> String {
        let url = SiteURL.raciOverview.path
        return Layout(
            title: "Qui fait quoi", section: .roadmap,
            breadcrumb: [
                ("Feuille de route", SiteURL.roadmap.with([("feuille", model.roadmap.code)])), ("Qui fait quoi", url)
            ]
        ).render(
            .group(
                UI.h1("Qui fait quoi — RACI par service, cible et type d'action"),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt("\(model.roadmap.name) : R réalise, A approuve, C contribue, I est informé.")),
                .el(
                    "form", .attr("method", "get"), .attr("action", url), .cls("fr-mb-3w"),
                    .attr("aria-label", "Filtrer le RACI"),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            RoadmapSelector.select(model.roadmap, model.roadmapChoices)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "raci-service", name: "service", label: "Service",
                                options: [("", "Tous")] + model.services.map { ($0, $0) }, selected: model.service)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "raci-cible", name: "cible", label: "Cible",
                                options: [("", "Toutes")] + FicheService.audiences.map { ($0.code, $0.label) },
                                selected: model.audience)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                            .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Afficher"))))),
                model.lines.isEmpty
                    ? .el("p", .txt("Aucune case RACI renseignée pour ce choix : elles se remplissent sur les fiches."))
                    : UI.table(
                        caption: "RACI par service, cible et type d'action",
                        headers: [("Service", false), ("Fiche", false), ("Cible", false), ("Type d'action", false)]
                            + model.organisations.map { ($0, false) },
                        rows: model.lines.map { line in
                            [
                                .txt(line.service),
                                .link(
                                    SiteURL.fiche(line.ficheCode).with([("feuille", model.roadmap.code)]),
                                    .txt(line.ficheTitle)),
                                .txt(FicheService.audienceLabel(line.audience)),
                                .txt("\(line.actionNumber). \(line.actionTitle)")
                            ] + model.organisations.map { .txt(line.roles[$0] ?? "") }
                        })))
    }
}
