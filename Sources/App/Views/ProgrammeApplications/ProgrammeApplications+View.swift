import JalonCore
import Plot

extension ProgrammeApplications {
    static func render(_ model: Model) -> String {
        let programme = model.programme
        let title =
            "Candidatures"
            + (model.window.map { " — fenêtre \($0)" } ?? "") + (model.domain.map { " — \($0)" } ?? "")
            + (model.status.map { " — \($0.label.lowercased())" } ?? "")
        return Layout(
            title: title, section: .programmes,
            breadcrumb: [
                ("Programmes", SiteURL.programmes.path), (programme.name, SiteURL.programme(programme.code).path),
                ("Candidatures", SiteURL.programmeApplications(programme.code).path)
            ]
        ).render(
            .group(
                UI.h1(title),
                .el("p", .txt("\(Format.integer(model.lines.count)) candidature(s) × domaine.")),
                model.lines.isEmpty
                    ? .el("p", .txt("Aucune candidature."))
                    : UI.table(
                        caption: title,
                        headers: [
                            ("Structure", false), ("FINESS", false), ("Fenêtre", true), ("Domaine", false),
                            ("Statut", false), ("Depuis le", false), ("Montant", true), ("Dossier", false),
                            ("Motif", false)
                        ],
                        rows: model.lines.map { line in
                            [
                                .link(
                                    SiteURL.structure(line.finessET ?? line.finessEJ).path, .txt(line.structureName)),
                                .txt(line.finessET ?? line.finessEJ), .txt("\(line.window)"), .txt(line.domainLabel),
                                .txt(ApplicationStatus(rawValue: line.status)?.label ?? line.status),
                                .txt(Format.date(iso: line.statusOn)),
                                .txt(model.showsAmounts ? line.amountCents.map(Money.french) ?? "—" : "—"),
                                .link(
                                    SiteURL.application(programme.code, line.applicationID.uuidString).path,
                                    .txt(line.reference.isEmpty ? "Voir le dossier" : line.reference)),
                                .txt(line.motive.isEmpty ? "—" : line.motive)
                            ]
                        }, numericColumns: [2, 6])))
    }
}
