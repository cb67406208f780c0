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

    static func renderList(_ m: List) -> String {
        Layout(
            title: "Photos à date validées", section: .roadmap,
            breadcrumb: [("Feuille de route", SiteURL.roadmap.path), ("Photos à date", SiteURL.snapshots.path)]
        ).render(
            .group(
                UI.h1("Photos à date validées"),
                .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Photo non validée")),
                m.lock.map {
                    UI.alert(
                        "Les valeurs des périodes closes au \(Format.date(iso: $0.until.iso)) sont verrouillées (photo « \($0.name) ») : seul un administrateur peut les modifier, en donnant un motif.",
                        kind: "info")
                }
                    ?? .el("p", .txt("Aucune photo validée : aucune période n'est verrouillée.")),
                m.snapshots.isEmpty
                    ? .empty
                    : UI.table(
                        caption: "Photos validées",
                        headers: [
                            ("Photo", false), ("Date", false), ("Territoire", false), ("Indicateurs", true),
                            ("Validée par", false), ("Le", false)
                        ],
                        rows: m.snapshots.map { s in
                            [
                                .link(SiteURL.snapshot(s.id.uuidString.lowercased()).path, .txt(s.name)),
                                .txt(Format.date(iso: s.asOf.iso)), .txt(s.territory),
                                .txt(UI.number(s.rowCount)), .txt(s.validatedBy), .txt(Format.date(s.validatedAt))
                            ]
                        }, numericColumns: [3]),
                .el("h2", .txt("Valider la photo à date")),
                .el(
                    "p",
                    .txt(
                        "Fige les valeurs, cibles, réalisations, statuts et provenances du tableau de pilotage à cette date, tels qu'ils seront présentés au comité, et verrouille les périodes jusqu'à cette date."
                    )),
                .postForm(
                    .regional, .attr("action", SiteURL.snapshots.path),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-5"),
                            UI.input(
                                id: "photo-nom", name: "name", label: "Nom", value: m.form?.name,
                                hint: "ex. Comité régional du 15 juin 2022", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "photo-date", name: "date", label: "Date de la photo", value: m.form?.date,
                                type: "date", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2"),
                            UI.input(
                                id: "photo-territoire", name: "territoire", label: "Territoire",
                                value: m.form?.territoire, hint: "R32 par défaut")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-2 jalon-form-end"),
                            .el("button", .attr("type", "submit"), .cls("fr-btn"), .txt("Valider")))))))
    }

    static func renderOne(_ s: SnapshotService.Snapshot, history: [AuditQuery.Event], message: String?) -> String {
        let id = s.id.uuidString.lowercased()
        let fiches = s.rows.reduce(into: [(String, String, [SnapshotService.Row])]()) { acc, r in
            if let i = acc.firstIndex(where: { $0.0 == r.fiche }) {
                acc[i].2.append(r)
            } else {
                acc.append((r.fiche, r.ficheTitle, [r]))
            }
        }
        return Layout(
            title: s.name, section: .roadmap,
            breadcrumb: [
                ("Feuille de route", SiteURL.roadmap.path), ("Photos à date", SiteURL.snapshots.path),
                (s.name, SiteURL.snapshot(id).path)
            ]
        ).render(
            .group(
                UI.h1(s.name),
                .when(message != nil, UI.alert(message ?? "", kind: "success")),
                UI.keyValueTable(
                    caption: "Validation",
                    rows: [
                        ("Photo à date du", .txt(Format.date(iso: s.asOf.iso))),
                        ("Territoire", .txt(s.territory + (s.couloir.map { " — couloir \($0)" } ?? ""))),
                        ("Validée par", .txt(s.validatedBy)),
                        ("Validée le", .txt(Format.date(s.validatedAt) + " " + AuditPage.time(s.validatedAt))),
                        ("Empreinte SHA-256", .el("code", .txt(s.sha256)))
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
                            rows: rows.map { r in
                                [
                                    .group(.el("code", .txt(r.code)), .txt(" " + r.label)), .txt(r.couloir),
                                    .txt(r.target + (r.due.isEmpty ? "" : " (\(r.due))")),
                                    .txt(r.value + (r.valueDate.isEmpty ? "" : " au \(r.valueDate)")),
                                    .txt(r.realisation), .txt(r.statusLabel), .txt(r.provenance)
                                ]
                            }))
                },
                .el("h2", .txt("Historique")),
                AuditPage.table(history, caption: "Historique de la photo")))
    }
}
