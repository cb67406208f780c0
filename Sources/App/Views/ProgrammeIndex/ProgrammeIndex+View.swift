import JalonCore
import Plot

extension ProgrammeIndex {
    static func render(_ model: Model) -> String {
        Layout(
            title: "Programmes de financement", section: .programmes,
            breadcrumb: [("Programmes", SiteURL.programmes.path)]
        ).render(
            .group(
                UI.h1("Programmes de financement"),
                .el(
                    "p", .cls("fr-text--lead"),
                    .txt(
                        "Les leviers qui financent l'usage des services socles : fenêtres, domaines, candidatures "
                            + "par structure, montants et enveloppe.")),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                model.entries.isEmpty
                    ? .el("p", .txt("Aucun programme suivi pour l'instant : installez-en un ci-dessous."))
                    : UI.table(
                        caption: "Programmes suivis",
                        headers: [
                            ("Programme", false), ("Portée", false), ("Période", false), ("Fenêtres", true),
                            ("Candidatures", true), ("Enveloppe", true)
                        ],
                        rows: model.entries.map { entry in
                            let programme = entry.programme
                            return [
                                .link(SiteURL.programme(programme.code).path, .txt(programme.name)),
                                .txt(programme.scope == "national" ? "Nationale" : "Régionale"),
                                .txt(
                                    [programme.startsOn, programme.endsOn].compactMap { $0 }
                                        .map { Format.date(iso: $0) }.joined(separator: " – ")),
                                .txt(Format.integer(entry.windows)), .txt(Format.integer(entry.applications)),
                                .txt(programme.envelopeCents.map(Money.french) ?? "—")
                            ]
                        }, numericColumns: [3, 4, 5]),
                .when(
                    !model.templates.isEmpty,
                    .postForm(
                        .regional, .attr("action", SiteURL.programmes.path), .cls("fr-mt-5w"),
                        UI.select(
                            id: "programme-type", name: "template", label: "Programme national à installer",
                            options: model.templates.map { ($0.code, $0.name) }, selected: nil),
                        .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Installer"))))))
    }
}
