import Foundation
import JalonCore
import Plot

extension HomeIndex {
    static func render(_ model: Model) -> String {
        Layout(title: "Tableau de bord", section: .dashboard).render(
            .group(
                UI.h1("Tableau de bord"),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt("Bonjour \(model.accountName) (\(model.role.label.lowercased())).")),
                .when(
                    !model.hasGeography,
                    UI.alert(
                        "La géographie officielle n'est pas encore chargée : lancez « jalon import cog » "
                            + "(ou « make run », qui charge la région de démonstration).",
                        kind: "warning", title: "Aucun territoire")),
                roadmapLine(model),
                .when(model.seesSteering, steering(model)),
                .when(model.seesField, field(model)),
                tasks(model),
                latestPhoto(model),
                .el(
                    "p",
                    .link(
                        SiteURL.territories.path, .cls("fr-link fr-icon-arrow-right-line fr-link--icon-right"),
                        .txt("Le référentiel des territoires et des structures")))
            ))
    }

    static func roadmapLine(_ model: Model) -> HNode {
        guard let roadmap = model.roadmap else {
            return .el(
                "p",
                .txt("Aucune feuille de route en cours : "),
                .link(SiteURL.roadmaps.path, .txt("en créer une depuis un modèle")), .txt("."))
        }
        return .el(
            "p",
            .txt("Feuille de route en cours : "),
            .link(SiteURL.roadmap.with([("feuille", roadmap.code)]), .txt(roadmap.name)),
            .txt(" (\(roadmap.years), \(roadmap.status.label)).")
        )
    }

    /// The pilote's block: what is late, what is due, what is missing, how fresh the sources are.
    static func steering(_ model: Model) -> HNode {
        .group(
            .el("h2", .txt("En retard et à risque, par objectif")),
            UI.table(
                caption: "Indicateurs en retard et à risque par objectif, à la région, aujourd'hui",
                headers: [("Objectif", false), ("En retard", true), ("À risque", true), ("Indicateurs", true)],
                rows: model.objectives.map { objective in
                    [
                        .txt("\(objective.number). \(objective.title)"), .txt(UI.number(objective.late)),
                        .txt(UI.number(objective.atRisk)), .txt(UI.number(objective.indicators))
                    ]
                }, numericColumns: [1, 2, 3]),
            .el("h2", .txt("Valeurs non fournies")),
            model.notProvided.isEmpty
                ? .el("p", .txt("Toutes les valeurs attendues sont fournies à la région."))
                : .el(
                    "ul",
                    .each(model.notProvided) { indicator in
                        .el(
                            "li", .link(SiteURL.indicator(indicator.code).path, .el("code", .txt(indicator.code))),
                            .txt(" \(indicator.label) : données non fournies à ce jour"))
                    }),
            .el("h2", .txt("Actions à échéance")),
            model.dueActions.isEmpty
                ? .el("p", .txt("Aucune action n'arrive à échéance dans les deux mois."))
                : UI.table(
                    caption: "Actions en cours ou à faire dont l'échéance est passée ou dans les deux mois",
                    headers: [("Fiche", false), ("Action", false), ("Pilote", false), ("Échéance", false)],
                    rows: model.dueActions.map { action in
                        [
                            .link(
                                SiteURL.fiche(action.fiche).with([("feuille", model.roadmap?.code)]),
                                .txt(action.ficheTitle)),
                            .txt("\(action.number). \(action.title)"), .txt(action.pilot),
                            .group(
                                .txt(Format.date(iso: action.endOn.iso)),
                                .when(action.late, .group(.txt(" "), UI.badge("dépassée", kind: "error"))))
                        ]
                    }),
            .el("h2", .txt("Fraîcheur des sources")),
            model.freshness.isEmpty
                ? .el("p", .txt("Aucune valeur n'est encore enregistrée pour cette feuille de route."))
                : .el(
                    "ul",
                    .each(model.freshness) { source in
                        .el(
                            "li",
                            .txt(
                                "Dernière valeur \(source.service) : "
                                    + Period.month(source.lastPeriodEnd.year, source.lastPeriodEnd.month).label),
                            .when(source.stale, .group(.txt(" "), UI.badge("plus de trois mois", kind: "warning"))))
                    }),
            .el("h2", .txt("Derniers imports")),
            model.imports.isEmpty
                ? .el("p", .txt("Aucun import pour l'instant."))
                : .el(
                    "ul",
                    .each(model.imports) { batch in
                        .el(
                            "li",
                            .txt(
                                "\(batch.fileName) — \(Format.date(batch.at)) — \(UI.number(batch.changes)) "
                                    + "valeur(s) écrite(s)" + (batch.undone ? " (annulé)" : "")))
                    }),
            .el("p", .link(SiteURL.imports.path, .txt("Tous les imports"))))
    }

    /// The animateur's block: the reach of his territories this year, and whom to reach first.
    static func field(_ model: Model) -> HNode {
        .group(
            .el("h2", .txt("Structures touchées depuis le 1er janvier")),
            .each(model.reach) { territory in
                UI.table(
                    caption: "\(territory.territory.name) : structures touchées / ouvertes",
                    headers: [("Couloir", false), ("Touchées", true), ("Ouvertes", true), ("Part", true)],
                    rows: territory.byCouloir.map { line in
                        [
                            .txt(UI.couloirLabel(line.couloir.rawValue)), .txt(UI.number(line.reach.reached)),
                            .txt(UI.number(line.reach.open)),
                            .txt(line.reach.share.map { Format.percent($0) } ?? "—")
                        ]
                    }, numericColumns: [1, 2, 3])
            },
            .when(
                model.worklistTerritory != nil,
                .group(
                    .el("h2", .txt("À toucher en priorité")),
                    .el(
                        "ul",
                        .each(model.worklist) { item in
                            .el(
                                "li", .link(SiteURL.structure(item.key).path, .txt(item.name)),
                                .txt(" — \(item.city)"))
                        }),
                    .el(
                        "p",
                        .link(
                            SiteURL.worklist.with([
                                ("territoire", model.worklistTerritory?.code), ("couloir", Couloir.es.rawValue)
                            ]), .txt("Toute la liste à toucher"))))))
    }

    static func tasks(_ model: Model) -> HNode {
        .group(
            .el("h2", .txt("Mes tâches")),
            model.tasks.isEmpty
                ? .el("p", .txt("Aucune tâche ouverte ne vous est confiée."))
                : .el(
                    "ul",
                    .each(model.tasks) { task in
                        .el(
                            "li", .txt(task.title),
                            .when(task.due != nil, .txt(" — échéance \(Format.date(iso: task.due?.iso ?? ""))")),
                            .when(task.late, .group(.txt(" "), UI.badge("en retard", kind: "error"))))
                    }),
            .el("p", .link(SiteURL.tasks.path, .txt("Le tableau des tâches"))))
    }

    static func latestPhoto(_ model: Model) -> HNode {
        .group(
            .el("h2", .txt("Dernière photo à date validée")),
            model.latestPhoto.map { photo in
                .el(
                    "p",
                    .link(SiteURL.snapshot(photo.id.uuidString.lowercased()).path, .txt(photo.name)),
                    .txt(
                        " — au \(Format.date(iso: photo.asOf.iso)), \(UI.number(photo.rowCount)) indicateurs, "
                            + "validée par \(photo.validatedBy)."))
            } ?? .el("p", .txt("Aucune photo n'a encore été validée.")))
    }
}
