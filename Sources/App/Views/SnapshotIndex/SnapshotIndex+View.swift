import Foundation
import JalonCore
import Plot

extension SnapshotIndex {
    static func render(_ model: Model) -> String {
        Layout(
            title: "Photos à date validées", section: .roadmap,
            breadcrumb: [("Feuille de route", SiteURL.roadmap.path), ("Photos à date", SiteURL.snapshots.path)]
        ).render(
            .group(
                UI.h1("Photos à date validées"),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Photo non validée")),
                model.lock.map {
                    UI.alert(
                        "Les valeurs des périodes closes au \(Format.date(iso: $0.until.iso)) sont verrouillées (photo "
                            + "« \($0.name) ») : seul un administrateur peut les modifier, en donnant un motif.",
                        kind: "info")
                }
                    ?? .el("p", .txt("Aucune photo validée : aucune période n'est verrouillée.")),
                model.snapshots.isEmpty
                    ? .empty
                    : UI.table(
                        caption: "Photos validées",
                        headers: [
                            ("Photo", false), ("Date", false), ("Territoire", false), ("Indicateurs", true),
                            ("Validée par", false), ("Le", false)
                        ],
                        rows: model.snapshots.map { snapshot in
                            [
                                .link(SiteURL.snapshot(snapshot.id.uuidString.lowercased()).path, .txt(snapshot.name)),
                                .txt(Format.date(iso: snapshot.asOf.iso)), .txt(snapshot.territory),
                                .txt(UI.number(snapshot.rowCount)), .txt(snapshot.validatedBy),
                                .txt(Format.date(snapshot.validatedAt))
                            ]
                        }, numericColumns: [3]),
                .el("h2", .txt("Valider la photo à date")),
                .el(
                    "p",
                    .txt(
                        "Fige les valeurs, cibles, réalisations, statuts et provenances du "
                            + "tableau de pilotage à cette date, tels qu'ils seront présentés "
                            + "au comité, et verrouille les périodes jusqu'à cette date."
                    )),
                .postForm(
                    .regional, .attr("action", SiteURL.snapshots.path),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .unwrap(model.currentRoadmap) { current in
                            .el("div", .cls("fr-col-12"), RoadmapSelector.select(current, model.roadmaps))
                        },
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-5"),
                            UI.input(
                                id: "photo-nom", name: "name", label: "Nom", value: model.form?.name,
                                hint: "ex. Comité régional du 15 juin 2022", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "photo-date", name: "date", label: "Date de la photo", value: model.form?.date,
                                type: "date", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2"),
                            UI.input(
                                id: "photo-territoire", name: "territoire", label: "Territoire",
                                value: model.form?.territory, hint: "R32 par défaut")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                            .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Valider")))))))
    }
}
