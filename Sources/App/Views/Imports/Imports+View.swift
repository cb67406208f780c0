import JalonCore
import Plot

/// Imports from the page: upload → preview (what would be created, updated, left unchanged, rejected)
/// → validation as one batch → undo.
enum ImportsPage {
    struct Model: Sendable, Equatable {
        var batches: [ObservationImport.Batch]
        var message: String?
        var error: String?
    }

    static func render(_ m: Model) -> String {
        Layout(title: "Imports", section: .imports, breadcrumb: [("Imports", SiteURL.imports.path)]).render(.group(
            UI.h1("Imports"),
            .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
            .when(m.error != nil, UI.alert(m.error ?? "", kind: "error", title: "Import impossible")),
            .el("h2", .txt("Importer des observations")),
            .el("p", .txt("Fichier CSV (UTF-8 ou Latin-1, séparateur ; , tabulation ou |, éventuellement compressé en .gz) avec les colonnes indicateur, territoire (ou structure), couloir, periode, valeur (ou numerateur et denominateur), source, commentaire. Rien n'est écrit avant la validation de l'aperçu.")),
            .el("form", .attr("method", "post"), .attr("action", SiteURL.imports.path), .attr("enctype", "multipart/form-data"),
                .el("div", .cls("fr-upload-group"),
                    .el("label", .cls("fr-label"), .attr("for", "import-fichier"), .txt("Fichier"), .el("span", .cls("fr-hint-text"), .txt("64 Mo au plus"))),
                    .void("input", [("class", "fr-upload"), ("type", "file"), ("id", "import-fichier"), ("name", "file"), ("accept", ".csv,.gz,.txt,text/csv")])),
                .el("button", .cls("fr-btn fr-mt-2w"), .attr("type", "submit"), .txt("Voir l'aperçu"))),
            .el("h2", .cls("fr-mt-5w"), .txt("Lots importés")),
            m.batches.isEmpty ? .el("p", .txt("Aucun import pour l'instant.")) :
            UI.table(caption: "Lots d'import", headers: [("Date", false), ("Fichier", false), ("Créées", true), ("Modifiées", true), ("Rejetées", true), ("Par", false), ("Statut", false), ("", false)],
                     rows: m.batches.map { b in
                         [.txt(Format.date(b.created_at)), .group(.txt(b.file_name), .el("span", .cls("fr-hint-text"), .txt("SHA-256 \(b.sha256.prefix(12))…"))),
                          .txt(UI.number(b.created)), .txt(UI.number(b.updated)), .txt(UI.number(b.rejected)), .txt(b.actor),
                          b.status == "valide" ? UI.badge("Validé", kind: "success") : UI.badge("Annulé", kind: "new"),
                          b.status == "valide"
                            ? .el("form", .attr("method", "post"), .attr("action", SiteURL.importUndo(b.id.uuidString.lowercased()).path),
                                  .el("button", .cls("fr-btn fr-btn--sm fr-btn--tertiary"), .attr("type", "submit"), .txt("Annuler ce lot")))
                            : .empty]
                     }, numericColumns: [2, 3, 4])))
    }

    static func renderPreview(_ report: ObservationImport.Report, upload: String) -> String {
        Layout(title: "Aperçu de l'import", section: .imports, breadcrumb: [("Imports", SiteURL.imports.path), ("Aperçu", SiteURL.importPreview(upload).path)]).render(.group(
            UI.h1("Aperçu : \(report.file)"),
            UI.alert("Rien n'est encore écrit. Validez pour enregistrer ces valeurs en un seul lot, annulable ensuite.", kind: "info"),
            .el("ul", .cls("jalon-kpis"),
                .el("li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.read))), .txt("lignes lues")),
                .el("li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.created))), .txt("valeurs créées")),
                .el("li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.updated))), .txt("valeurs modifiées")),
                .el("li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.unchanged))), .txt("inchangées")),
                .el("li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(report.rejected.count))), .txt("lignes rejetées"))),
            .when(!report.rejected.isEmpty, .group(
                .el("h2", .txt("Lignes rejetées")),
                UI.table(caption: "Lignes rejetées de \(report.file)", headers: [("Ligne", true), ("Champ", false), ("Motif", false)],
                         rows: report.rejected.prefix(500).map { [.txt(String($0.line)), .txt($0.field), .txt($0.reason)] }, numericColumns: [0]))),
            report.changes == 0
                ? UI.alert("Aucun changement : ces valeurs sont déjà dans Jalon.", kind: "info")
                : .el("form", .attr("method", "post"), .attr("action", SiteURL.importPreview(upload).path),
                      .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Valider l'import"))),
            .el("p", .cls("fr-mt-2w"), .link(SiteURL.imports.path, .cls("fr-link"), .txt("Abandonner et revenir aux imports")))))
    }
}
