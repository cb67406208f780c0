import Foundation
import JalonCore
import Plot

extension ApplicationShow {
    static func render(_ model: Model) -> String {
        let programme = model.programme
        let application = model.application
        let url = SiteURL.application(programme.code, application.id.uuidString).path
        return Layout(
            title: model.title, section: .programmes,
            breadcrumb: [
                ("Programmes", SiteURL.programmes.path), (programme.name, SiteURL.programme(programme.code).path),
                ("Candidatures", SiteURL.programmeApplications(programme.code).path), (model.title, url)
            ]
        ).render(
            .group(
                UI.h1(model.title),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                UI.keyValueTable(
                    caption: "Le dossier",
                    rows: [
                        ("Programme", .link(SiteURL.programme(programme.code).path, .txt(programme.name))),
                        (
                            "Fenêtre",
                            .txt(
                                "Fenêtre \(model.window.number) — \(model.window.phase(on: model.today).lowercased())")
                        ),
                        ("Candidat", applicant(application)),
                        (
                            "Référence (Démarches Simplifiées)",
                            .txt(application.reference.isEmpty ? "—" : application.reference)
                        ),
                        ("Enregistré le", .txt(Format.date(application.createdAt)))
                    ]),
                members(model),
                .el("h2", .cls("fr-mt-5w"), .txt("Domaines demandés")), domains(model),
                history(model),
                .group(model.domains.map { statusForm($0, model: model, url: url) })))
    }

    static func applicant(_ application: ProgrammeQuery.ApplicationRecord) -> HNode {
        if let grappe = application.grappeName { return .txt("Grappe « \(grappe) »") }
        guard let key = application.structureKey else { return .txt("—") }
        return .link(SiteURL.structure(key).path, .txt("\(application.structureName ?? key) (\(key))"))
    }

    static func members(_ model: Model) -> HNode {
        .when(
            !model.members.isEmpty,
            .group(
                .el("h2", .cls("fr-mt-5w"), .txt("Structures de la grappe")),
                UI.table(
                    caption: "Structures de la grappe (\(model.members.count))",
                    headers: [("Structure", false), ("FINESS", false), ("Couloir", false), ("Commune", false)],
                    rows: model.members.map { member in
                        let key = member.finessET ?? member.finessEJ
                        return [
                            .group(
                                .link(SiteURL.structure(key).path, .txt(member.structureName)),
                                .when(member.isPorteur == true, .txt(" (porteur)"))),
                            .txt(key), .txt(member.couloir), .txt(member.communeName ?? "—")
                        ]
                    })))
    }

    static func money(_ cents: Int64?, _ model: Model) -> HNode {
        .txt(model.showsAmounts ? cents.map(Money.french) ?? "—" : "—")
    }

    static func domains(_ model: Model) -> HNode {
        UI.table(
            caption: "Statut et montants par domaine",
            headers: [
                ("Domaine", false), ("Statut", false), ("Depuis le", false), ("Motif", false), ("Montant", true),
                ("À la signature", true), ("Aux cibles d'usage", true), ("Versé", true)
            ],
            rows: model.domains.map { domain in
                [
                    .txt(domain.domainLabel), .txt(domain.applicationStatus?.label ?? domain.status),
                    .txt(Format.date(iso: domain.statusOn)), .txt(domain.motive.isEmpty ? "—" : domain.motive),
                    money(domain.amountCents, model), money(domain.signatureCents, model),
                    money(domain.targetsCents, model), money(domain.paidCents, model)
                ]
            }, numericColumns: [4, 5, 6, 7])
    }

    static func history(_ model: Model) -> HNode {
        let labels = Dictionary(uniqueKeysWithValues: model.domains.map { ($0.id, $0.domainLabel) })
        return .when(
            !model.history.isEmpty,
            .group(
                .el("h2", .cls("fr-mt-5w"), .txt("Statuts antérieurs")),
                UI.table(
                    caption: "Statuts antérieurs, du plus récent au plus ancien",
                    headers: [
                        ("Domaine", false), ("Statut", false), ("Depuis le", false), ("Motif", false),
                        ("Remplacé", false)
                    ],
                    rows: model.history.map { change in
                        [
                            .txt(labels[change.applicationDomainID] ?? "—"),
                            .txt(ApplicationStatus(rawValue: change.status)?.label ?? change.status),
                            .txt(Format.date(iso: change.statusOn)), .txt(change.motive.isEmpty ? "—" : change.motive),
                            .txt(
                                "\(Format.date(change.changedAt)) par \(change.changedBy) ("
                                    + ProgressQuery.provenanceLabel(change.replacedBy) + ")")
                        ]
                    })))
    }

    /// Moves one domain's status (a validation, a refusal, the targets reached): a status that goes backwards
    /// needs its motive, a validated amount must fit in the envelope left.
    static func statusForm(_ domain: ProgrammeQuery.ApplicationDomain, model: Model, url: String) -> HNode {
        let id = "domaine-\(domain.domainCode.lowercased())"
        let amount: (Int64?) -> String = { cents in
            model.showsAmounts ? cents.map { Money.french($0) } ?? "" : ""
        }
        return .el(
            "details", .cls("fr-mt-2w"), .when(model.error != nil, .attr("open", "open")),
            .el("summary", .txt("Changer le statut du domaine « \(domain.domainLabel) »")),
            .postForm(
                .regional, .attr("action", url), UI.hidden("domain", domain.domainCode),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.select(
                            id: "\(id)-statut", name: "status", label: "Nouveau statut",
                            options: ApplicationStatus.allCases.map { ($0.rawValue, $0.label) },
                            selected: domain.status)),
                    .el(
                        "div", .cls("fr-col-12 fr-col-md-6"),
                        UI.input(
                            id: "\(id)-date", name: "status_on", label: "Date du statut", value: model.today.iso,
                            type: "date", required: true))),
                .when(
                    model.showsAmounts,
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "\(id)-montant", name: "amount", label: "Montant total",
                                value: amount(domain.amountCents), hint: "ex. 78 000 €")),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "\(id)-signature", name: "signature", label: "Part à la signature",
                                value: amount(domain.signatureCents))),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-4"),
                            UI.input(
                                id: "\(id)-cibles", name: "targets", label: "Part aux cibles d'usage",
                                value: amount(domain.targetsCents))))),
                UI.input(
                    id: "\(id)-motif", name: "motive", label: "Motif",
                    value: "", hint: "Obligatoire si le statut revient en arrière (une validation retirée…)"),
                .el("button", .cls("fr-btn"), .attr("type", "submit"), .txt("Enregistrer le statut"))))
    }
}
