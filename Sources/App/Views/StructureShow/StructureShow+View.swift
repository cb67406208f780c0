import JalonCore
import Plot

extension StructureShow {
    static func render(_ model: Model) -> String {
        let structure = model.structure
        let order: [TerritoryKind] = [.country, .region, .departement, .epci, .commune, .custom]
        let territories = model.territories.sorted {
            (order.firstIndex(of: $0.kind) ?? 9, $0.code) < (order.firstIndex(of: $1.kind) ?? 9, $1.code)
        }
        func row(_ label: String, _ value: HNode) -> (String, HNode) { (label, value) }
        func text(_ value: String?) -> HNode { .txt((value?.isEmpty ?? true) ? "—" : value!) }
        func date(_ value: String?) -> HNode { .txt(value.map(Format.date(iso:)) ?? "—") }
        var rows: [(String, HNode)] = [
            row("Numéro FINESS établissement (ET)", text(structure.finessET)),
            row(
                "Numéro FINESS entité juridique (EJ)",
                .group(
                    text(structure.finessEJ),
                    .when(structure.legalEntityName != nil, .txt(" — \(structure.legalEntityName ?? "")")))),
            row("SIRET", text(structure.siret)),
            row("Catégorie", .txt("\(structure.categoryCode) — \(structure.categoryLabel)")),
            row("Couloir", .txt(UI.couloirLabel(structure.couloir))),
            row(
                "Adresse",
                .txt(
                    [
                        structure.address,
                        [structure.postalCode, structure.city].filter { !$0.isEmpty }.joined(separator: " ")
                    ].filter {
                        !$0.isEmpty
                    }.joined(separator: ", "))),
            row(
                "Commune",
                structure.communeCode.map { code in
                    .link(SiteURL.territory("C" + code).path, .txt("\(structure.communeName ?? code) (\(code))"))
                }
                    ?? .txt(
                        structure.communeRaw.isEmpty
                            ? "inconnue" : "code \(structure.communeRaw) inconnu du référentiel"
                    )),
            row("Téléphone", text(structure.phone)),
            row("Date d'ouverture", date(structure.openedOn)),
            row("Date d'autorisation", date(structure.authorisedOn)),
            row("Date de fermeture", date(structure.closedOn)),
            row("Mise à jour dans la source", date(structure.sourceUpdatedOn)),
            row(
                "Source",
                .txt(
                    structure.source == "finess"
                        ? "FINESS" : structure.source == "demo" ? "Démonstration (fictive)" : structure.source))
        ]
        if let lat = structure.latitude, let lon = structure.longitude {
            rows.append(
                row(
                    "Coordonnées",
                    .group(
                        .txt("\(Format.coordinate(lat)), \(Format.coordinate(lon)) "),
                        .link(
                            "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=16/\(lat)/\(lon)",
                            .attr("rel", "noopener"), .attr("target", "_blank"),
                            .attr("title", "Voir sur OpenStreetMap (nouvelle fenêtre)"), .txt("voir sur une carte")))))
        }
        return Layout(
            title: structure.name, section: .structures,
            breadcrumb: [
                ("Structures", SiteURL.structures.path), (structure.name, SiteURL.structure(structure.key).path)
            ]
        ).render(
            .group(
                UI.h1(structure.name),
                .el(
                    "ul", .cls("fr-badges-group"), .el("li", UI.statusBadge(open: structure.isOpen)),
                    .el("li", UI.badge(structure.couloir)), .when(structure.isDemo, .el("li", UI.demoBadge()))),
                .when(
                    structure.isDemo,
                    UI.alert(
                        "Cette structure est fictive : "
                            + "elle appartient aux données de démonstration.", kind: "warning")),
                .when(
                    !structure.longName.isEmpty && structure.longName != structure.name,
                    .el("p", .cls("fr-text--lead"), .txt(structure.longName))),
                .el("h2", .txt("Identité")),
                UI.keyValueTable(caption: "Identité de \(structure.name)", rows: rows),
                .el("h2", .txt("Territoires")),
                territories.isEmpty
                    ? .el("p", .txt("Aucun territoire : la commune de cette structure n'est pas connue."))
                    : .el(
                        "ul",
                        .each(territories) { territory in
                            .el(
                                "li", .link(SiteURL.territory(territory.code).path, .txt(territory.name)),
                                .txt(" — \(territory.kind.label) (\(territory.code))"))
                        }),
                .el("h2", .txt("Services utilisés")),
                model.services.isEmpty
                    ? .el(
                        "p",
                        .txt(
                            "Aucun service déclaré utilisé pour cette structure "
                                + "(observations au niveau de la structure)."
                        ))
                    : .el(
                        "ul",
                        .each(model.services) { service in
                            .el(
                                "li", .link(SiteURL.indicator(service.code).path, .el("code", .txt(service.code))),
                                .txt(" \(service.label) — depuis \(service.period)"))
                        }),
                .el("h2", .txt("Contacts")),
                model.contacts.isEmpty
                    ? .el("p", .txt("Aucun contact de l'annuaire n'est rattaché à cette structure."))
                    : .el(
                        "ul",
                        .each(model.contacts) { contact in
                            .el(
                                "li", .el("strong", .txt(contact.name)),
                                .txt(contact.function.isEmpty ? "" : " — \(contact.function)"),
                                .txt(contact.roles.isEmpty ? "" : " (\(contact.roles.joined(separator: ", ")))"),
                                .when(!contact.email.isEmpty, .txt(" · \(contact.email)")),
                                .when(!contact.phone.isEmpty, .txt(" · \(contact.phone)")))
                        }),
                .el("h2", .txt("Programmes de financement")),
                model.applications.isEmpty
                    ? .el("p", .txt("Aucune candidature à un programme de financement."))
                    : UI.table(
                        caption: "Candidatures aux programmes",
                        headers: [
                            ("Programme", false), ("Fenêtre", true), ("Domaine", false), ("Statut", false),
                            ("Depuis le", false), ("Montant", true), ("Dossier", false)
                        ],
                        rows: model.applications.map { line in
                            [
                                .link(SiteURL.programme(line.programmeCode).path, .txt(line.programmeName)),
                                .txt("\(line.window)"), .txt(line.domainLabel),
                                .txt(ApplicationStatus(rawValue: line.status)?.label ?? line.status),
                                .txt(Format.date(iso: line.statusOn)),
                                .txt(model.showsAmounts ? line.amountCents.map(Money.french) ?? "—" : "—"),
                                .link(
                                    SiteURL.application(line.programmeCode, line.applicationID.uuidString).path,
                                    .txt(line.reference.isEmpty ? "Voir le dossier" : line.reference))
                            ]
                        }, numericColumns: [1, 5]),
                .el("h2", .txt("Activités (\(model.activities.count))")),
                .el(
                    "p",
                    .link(
                        SiteURL.activityNew.with([("structure", structure.key), ("type", ActivityType.visite.rawValue)]
                        ),
                        .cls("fr-btn fr-btn--secondary fr-btn--sm"), .txt("Consigner une visite"))),
                model.activities.isEmpty
                    ? .el("p", .txt("Aucune activité n'a encore touché cette structure."))
                    : ActivityTable.render(model.activities, caption: "Activités ayant touché \(structure.name)"),
                .el("h2", .txt("Historique des valeurs")),
                model.replaced.isEmpty
                    ? .el("p", .txt("Aucune valeur de cette structure n'a été remplacée."))
                    : UI.table(
                        caption: "Valeurs remplacées de \(structure.name)",
                        headers: [
                            ("Indicateur", false), ("Période", false), ("Ancienne valeur", false),
                            ("Provenance", false), ("Remplacée par", false), ("Le", false)
                        ],
                        rows: model.replaced.map {
                            [
                                .link(SiteURL.indicator($0.indicator).path, .el("code", .txt($0.indicator))),
                                .txt($0.period), .txt($0.value),
                                .txt($0.provenance), .txt($0.replacedBy), .txt($0.replacedAt)
                            ]
                        })))
    }
}
