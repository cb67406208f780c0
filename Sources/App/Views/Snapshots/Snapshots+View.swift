import Foundation
import JalonCore
import Plot

/// Validated snapshots ("photos à date") as a committee signed them off.
enum SnapshotsPage {
    struct List: Sendable {
        var snapshots: [SnapshotService.Snapshot]
        var lock: PeriodLock.Lock?
        var message: String?
        var error: String?
        var form: SnapshotController.Form?
    }

    static func renderList(_ model: List) -> String {
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
                                value: model.form?.territoire, hint: "R32 par défaut")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                            .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Valider")))))))
    }

    static func renderOne(_ snapshot: SnapshotService.Snapshot, history: [AuditQuery.Event], message: String?) -> String
    {
        let id = snapshot.id.uuidString.lowercased()
        let fiches = snapshot.rows.reduce(into: [(String, String, [SnapshotService.Row])]()) { grouped, row in
            if let index = grouped.firstIndex(where: { $0.0 == row.fiche }) {
                grouped[index].2.append(row)
            } else {
                grouped.append((row.fiche, row.ficheTitle, [row]))
            }
        }
        return Layout(
            title: snapshot.name, section: .roadmap,
            breadcrumb: [
                ("Feuille de route", SiteURL.roadmap.path), ("Photos à date", SiteURL.snapshots.path),
                (snapshot.name, SiteURL.snapshot(id).path)
            ]
        ).render(
            .group(
                UI.h1(snapshot.name),
                .when(message != nil, UI.alert(message ?? "", kind: "success")),
                UI.keyValueTable(
                    caption: "Validation",
                    rows: [
                        ("Photo à date du", .txt(Format.date(iso: snapshot.asOf.iso))),
                        ("Territoire", .txt(snapshot.territory + (snapshot.couloir.map { " — couloir \($0)" } ?? ""))),
                        ("Validée par", .txt(snapshot.validatedBy)),
                        (
                            "Validée le",
                            .txt(Format.date(snapshot.validatedAt) + " " + AuditPage.time(snapshot.validatedAt))
                        ),
                        ("Empreinte SHA-256", .el("code", .txt(snapshot.sha256)))
                    ]),
                .el(
                    "p", .cls("fr-text--sm"),
                    .txt("Valeurs telles que validées : les imports ultérieurs ne les modifient pas. "),
                    .link(
                        SiteURL.snapshotExport(id, .csv).path, .cls("fr-link fr-icon-download-line fr-link--icon-left"),
                        .txt("CSV")), .txt(" "),
                    .link(
                        SiteURL.snapshotExport(id, .xlsx).path,
                        .cls("fr-link fr-icon-download-line fr-link--icon-left"), .txt("XLSX"))),
                .each(fiches) { code, title, rows in
                    .group(
                        .el("h2", .cls("fr-h4"), .txt(code + " — " + title)),
                        UI.table(
                            caption: title,
                            headers: [
                                ("Indicateur", false), ("Couloir", false), ("Cible", false), ("Valeur", false),
                                ("Réalisation", false), ("Statut", false), ("Provenance", false)
                            ],
                            rows: rows.map { row in
                                [
                                    .group(.el("code", .txt(row.code)), .txt(" " + row.label)), .txt(row.couloir),
                                    .txt(row.target + (row.due.isEmpty ? "" : " (\(row.due))")),
                                    .txt(row.value + (row.valueDate.isEmpty ? "" : " au \(row.valueDate)")),
                                    .txt(row.realisation), .txt(row.statusLabel), .txt(row.provenance)
                                ]
                            }))
                },
                .el("h2", .txt("Historique")),
                AuditPage.table(history, caption: "Historique de la photo")))
    }
}
