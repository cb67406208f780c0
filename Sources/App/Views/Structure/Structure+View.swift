import JalonCore
import Plot

extension StructureDetail {
    static func render(_ m: Model) -> String {
        let s = m.structure
        let order: [TerritoryKind] = [.country, .region, .departement, .epci, .commune, .custom]
        let territories = m.territories.sorted {
            (order.firstIndex(of: $0.kind) ?? 9, $0.code) < (order.firstIndex(of: $1.kind) ?? 9, $1.code)
        }
        func row(_ label: String, _ value: HNode) -> (String, HNode) { (label, value) }
        func text(_ v: String?) -> HNode { .txt((v?.isEmpty ?? true) ? "—" : v!) }
        func date(_ v: String?) -> HNode { .txt(v.map(Format.date(iso:)) ?? "—") }
        var rows: [(String, HNode)] = [
            row("Numéro FINESS établissement (ET)", text(s.finessET)),
            row(
                "Numéro FINESS entité juridique (EJ)",
                .group(text(s.finessEJ), .when(s.legalEntityName != nil, .txt(" — \(s.legalEntityName ?? "")")))),
            row("SIRET", text(s.siret)),
            row("Catégorie", .txt("\(s.categoryCode) — \(s.categoryLabel)")),
            row("Couloir", .txt(UI.couloirLabel(s.couloir))),
            row(
                "Adresse",
                .txt(
                    [s.address, [s.postalCode, s.city].filter { !$0.isEmpty }.joined(separator: " ")].filter {
                        !$0.isEmpty
                    }.joined(separator: ", "))),
            row(
                "Commune",
                s.communeCode.map { code in
                    .link(SiteURL.territory("C" + code).path, .txt("\(s.communeName ?? code) (\(code))"))
                }
                    ?? .txt("\(s.communeRaw.isEmpty ? "inconnue" : "code \(s.communeRaw) inconnu du référentiel")")),
            row("Téléphone", text(s.phone)),
            row("Date d'ouverture", date(s.openedOn)),
            row("Date d'autorisation", date(s.authorisedOn)),
            row("Date de fermeture", date(s.closedOn)),
            row("Mise à jour dans la source", date(s.sourceUpdatedOn)),
            row(
                "Source",
                .txt(s.source == "finess" ? "FINESS" : s.source == "demo" ? "Démonstration (fictive)" : s.source))
        ]
        if let lat = s.latitude, let lon = s.longitude {
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
            title: s.name, section: .structures,
            breadcrumb: [("Structures", SiteURL.structures.path), (s.name, SiteURL.structure(s.key).path)]
        ).render(
            .group(
                UI.h1(s.name),
                .el(
                    "ul", .cls("fr-badges-group"), .el("li", UI.statusBadge(open: s.isOpen)),
                    .el("li", UI.badge(s.couloir)), .when(s.isDemo, .el("li", UI.demoBadge()))),
                .when(
                    s.isDemo,
                    UI.alert(
                        "Cette structure est fictive : elle appartient aux données de démonstration.", kind: "warning")),
                .when(!s.longName.isEmpty && s.longName != s.name, .el("p", .cls("fr-text--lead"), .txt(s.longName))),
                .el("h2", .txt("Identité")),
                UI.keyValueTable(caption: "Identité de \(s.name)", rows: rows),
                .el("h2", .txt("Territoires")),
                territories.isEmpty
                    ? .el("p", .txt("Aucun territoire : la commune de cette structure n'est pas connue."))
                    : .el(
                        "ul",
                        .each(territories) { t in
                            .el(
                                "li", .link(SiteURL.territory(t.code).path, .txt(t.name)),
                                .txt(" — \(t.kind.label) (\(t.code))"))
                        }),
                .el("h2", .txt("Services utilisés")),
                m.services.isEmpty
                    ? .el(
                        "p",
                        .txt(
                            "Aucun service déclaré utilisé pour cette structure (observations au niveau de la structure)."
                        ))
                    : .el(
                        "ul",
                        .each(m.services) { sv in
                            .el(
                                "li", .link(SiteURL.indicator(sv.code).path, .el("code", .txt(sv.code))),
                                .txt(" \(sv.label) — depuis \(sv.period)"))
                        }),
                .el("h2", .txt("Contacts")),
                m.contacts.isEmpty
                    ? .el("p", .txt("Aucun contact de l'annuaire n'est rattaché à cette structure."))
                    : .el(
                        "ul",
                        .each(m.contacts) { c in
                            .el(
                                "li", .el("strong", .txt(c.name)), .txt(c.function.isEmpty ? "" : " — \(c.function)"),
                                .txt(c.roles.isEmpty ? "" : " (\(c.roles.joined(separator: ", ")))"),
                                .when(!c.email.isEmpty, .txt(" · \(c.email)")),
                                .when(!c.phone.isEmpty, .txt(" · \(c.phone)")))
                        }),
                .el("h2", .txt("Activités (\(m.activities.count))")),
                .el(
                    "p",
                    .link(
                        SiteURL.activityNew.with([("structure", s.key), ("type", ActivityType.visite.rawValue)]),
                        .cls("fr-btn fr-btn--secondary fr-btn--sm"), .txt("Consigner une visite"))),
                m.activities.isEmpty
                    ? .el("p", .txt("Aucune activité n'a encore touché cette structure."))
                    : ActivitiesPage.table(m.activities, caption: "Activités ayant touché \(s.name)"),
                .el("h2", .txt("Historique des valeurs")),
                m.replaced.isEmpty
                    ? .el("p", .txt("Aucune valeur de cette structure n'a été remplacée."))
                    : UI.table(
                        caption: "Valeurs remplacées de \(s.name)",
                        headers: [
                            ("Indicateur", false), ("Période", false), ("Ancienne valeur", false),
                            ("Provenance", false), ("Remplacée par", false), ("Le", false)
                        ],
                        rows: m.replaced.map {
                            [
                                .link(SiteURL.indicator($0.indicator).path, .el("code", .txt($0.indicator))),
                                .txt($0.period), .txt($0.value),
                                .txt($0.provenance), .txt($0.replacedBy), .txt($0.replacedAt)
                            ]
                        })))
    }
}
