import JalonCore
import Plot

extension ImportPreview {
    static func render(_ model: Model) -> String {
        let report = model.report
        let upload = model.upload
        return Layout(
            title: "Aperçu de l'import", section: .imports,
            breadcrumb: [("Imports", SiteURL.imports.path), ("Aperçu", SiteURL.importPreview(upload).path)]
        ).render(
            .group(
                UI.h1("Aperçu : \(report.file)"),
                .when(report.profile != nil, .el("p", .txt("Lu avec le profil \(report.profile ?? "")."))),
                UI.alert(
                    "Rien n'est encore écrit. Validez pour enregistrer ces valeurs en un seul lot"
                        + (report.undoable ? ", annulable ensuite." : "."),
                    kind: "info"),
                .el(
                    "ul", .cls("jalon-kpis"),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.read))),
                        .txt("\(report.noun) lues")),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.created))),
                        .txt("créées")),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.updated))),
                        .txt("modifiées")),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.unchanged))),
                        .txt("inchangées")),
                    .el(
                        "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.rejected.count))),
                        .txt("lignes rejetées")),
                    .when(
                        report.deleted > 0,
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.deleted))),
                            .txt("supprimées")))),
                .each(report.notes) { note in .el("p", .txt(note)) },
                .when(
                    !report.rejected.isEmpty,
                    .group(
                        .el("h2", .txt("Lignes rejetées")),
                        UI.table(
                            caption: "Lignes rejetées de \(report.file)",
                            headers: [("Ligne", true), ("Champ", false), ("Motif", false)],
                            rows: report.rejected.prefix(500).map {
                                [.txt(String($0.line)), .txt($0.field), .txt($0.reason)]
                            }, numericColumns: [0]))),
                .when(
                    !report.samples.isEmpty,
                    .group(
                        .el(
                            "h2",
                            .txt(
                                report.changes > report.samples.count
                                    ? "Changements (les \(report.samples.count) premiers)" : "Changements")),
                        UI.table(
                            caption: "Valeurs créées ou modifiées par \(report.file)",
                            headers: [
                                ("Ligne", true), ("Indicateur", false), ("Territoire ou structure", false),
                                ("Couloir", false), ("Période", false), ("Avant", true), ("Après", true)
                            ],
                            rows: report.samples.map { change in
                                [
                                    .txt(String(change.line)), .txt(change.indicator), .txt(change.subject),
                                    .txt(change.couloir),
                                    .txt(change.period),
                                    change.before.map { .txt($0) } ?? UI.badge("Nouveau", kind: "new"),
                                    .txt(change.after)
                                ]
                            }, numericColumns: [0, 5, 6]))),
                report.changes == 0
                    ? UI.alert("Aucun changement : ces valeurs sont déjà dans Jalon.", kind: "info")
                    : .postForm(
                        .observations, .attr("action", SiteURL.importPreview(upload).path),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Valider l'import"))),
                .el(
                    "p", .cls("fr-mt-2w"),
                    .link(SiteURL.imports.path, .cls("fr-link"), .txt("Abandonner et revenir aux imports")))))
    }
}
