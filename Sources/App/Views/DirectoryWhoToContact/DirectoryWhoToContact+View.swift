import Foundation
import JalonCore
import Plot

extension DirectoryWhoToContact {
    static func render(_ model: Model) -> String {
        Layout(
            title: "Qui contacter", section: .activities,
            breadcrumb: [
                ("Activités", SiteURL.activities.path), ("Annuaire", SiteURL.directory.path),
                ("Qui contacter", SiteURL.whoToContact.path)
            ]
        ).render(
            .group(
                UI.h1("Qui contacter — découpage \(model.decoupage)"),
                .el(
                    "form", .attr("method", "get"), .attr("action", SiteURL.whoToContact.path),
                    UI.input(
                        id: "qc-decoupage", name: "decoupage", label: "Découpage", value: model.decoupage,
                        hint: "ex. TAN"),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-btn--sm"), .attr("type", "submit"), .txt("Afficher")
                    )),
                model.territories.isEmpty
                    ? .el("p", .txt("Aucun territoire dans ce découpage."))
                    : .group(
                        .each(model.territories) { territory in
                            .group(
                                .el(
                                    "h2", .cls("fr-h4 fr-mt-3w"),
                                    .link(SiteURL.territory(territory.code).path, .txt(territory.name))),
                                (model.contacts[territory.code] ?? []).isEmpty
                                    ? .el("p", .txt("Aucun contact rattaché à ce territoire."))
                                    : .el(
                                        "ul",
                                        .each(model.contacts[territory.code] ?? []) { contact in
                                            .el(
                                                "li", .el("strong", .txt(contact.name)),
                                                .txt(
                                                    " — \(contact.roles.joined(separator: ", "))"
                                                        + (contact.function.isEmpty ? "" : " (\(contact.function))")
                                                ),
                                                .when(!contact.email.isEmpty, .txt(" · \(contact.email)")),
                                                .when(!contact.phone.isEmpty, .txt(" · \(contact.phone)")))
                                        }))
                        },
                        .when(
                            !model.cpams.isEmpty,
                            .group(
                                .el("h2", .cls("fr-mt-5w"), .txt("CPAM × territoires")),
                                UI.table(
                                    caption: "Quelle CPAM couvre quel territoire",
                                    headers: [("CPAM", false)] + model.territories.map { ($0.name, false) },
                                    rows: model.cpams.map { cpam in
                                        [.txt(cpam.name)]
                                            + model.territories.map { territory in
                                                (model.covers[cpam.id] ?? []).contains(territory.code)
                                                    ? .txt("✓") : .txt("")
                                            }
                                    }))))))
    }
}
