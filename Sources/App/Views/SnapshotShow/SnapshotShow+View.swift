import JalonCore
import Plot

extension SnapshotShow {
    static func render(_ model: Model) -> String {
        let snapshot = model.snapshot
        let id = snapshot.id.uuidString.lowercased()
        let fiches = snapshot.rows.reduce(into: [(String, String, [SnapshotRow])]()) { grouped, row in
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
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                UI.keyValueTable(
                    caption: "Validation",
                    rows: [
                        ("Photo à date du", .txt(Format.date(iso: snapshot.asOf.iso))),
                        ("Territoire", .txt(snapshot.territory + (snapshot.couloir.map { " — couloir \($0)" } ?? ""))),
                        ("Validée par", .txt(snapshot.validatedBy)),
                        (
                            "Validée le",
                            .txt(Format.date(snapshot.validatedAt) + " " + HistoryTable.time(snapshot.validatedAt))
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
                                    .group(
                                        .txt(row.value + (row.valueDate.isEmpty ? "" : " au \(row.valueDate)")),
                                        .when(
                                            !(row.comment ?? "").isEmpty,
                                            .el("span", .cls("fr-hint-text"), .txt(row.comment ?? "")))),
                                    .txt(row.realisation), .txt(row.statusLabel), .txt(row.provenance)
                                ]
                            }))
                },
                .el("h2", .txt("Historique")),
                HistoryTable.render(model.history, caption: "Historique de la photo")))
    }
}
