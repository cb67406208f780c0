import Foundation
import JalonCore
import Plot

extension ProgrammeShow {
    static func render(_ model: Model) -> String {
        let programme = model.programme
        let url = SiteURL.programme(programme.code).path
        return Layout(
            title: programme.name, section: .programmes,
            breadcrumb: [("Programmes", SiteURL.programmes.path), (programme.name, url)]
        ).render(
            .group(
                UI.h1(programme.name),
                .when(!programme.description.isEmpty, .el("p", .cls("fr-text--lead"), .txt(programme.description))),
                UI.keyValueTable(
                    caption: "Le programme",
                    rows: [
                        ("Portée", .txt(programme.scope == "national" ? "Nationale" : "Régionale")),
                        ("Volets", .txt(programme.volets.isEmpty ? "—" : programme.volets)),
                        (
                            "Période",
                            .txt(
                                [programme.startsOn, programme.endsOn].compactMap { $0 }.map { Format.date(iso: $0) }
                                    .joined(separator: " – "))
                        ),
                        ("Enveloppe régionale", .txt(programme.envelopeCents.map(Money.french) ?? "—"))
                    ]),
                .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
                .when(model.error != nil, UI.alert(model.error ?? "", kind: "error", title: "Enregistrement refusé")),
                .el("h2", .cls("fr-mt-5w"), .attr("id", "fenetres"), .txt("Fenêtres")), windows(model),
                .group(model.windows.map { moveForm($0, url: url) }),
                .el("h2", .cls("fr-mt-5w"), .attr("id", "domaines"), .txt("Candidatures par domaine")),
                windowSelector(model, url: url), domains(model),
                groups(
                    model.table.byTerritory, caption: "Candidatures validées par \(model.table.groupingLabel)",
                    heading: model.table.groupingLabel),
                groups(
                    model.table.byLegalStatus, caption: "Candidatures validées par statut juridique",
                    heading: "Statut juridique"),
                .el(
                    "p", .cls("fr-hint-text"),
                    .txt(
                        "Les parts sont arrondies à l'unité par la méthode du plus fort reste : leur somme fait "
                            + "100 %. Les nombres sous-jacents sont dans chaque ligne."))))
    }

    static func windows(_ model: Model) -> HNode {
        func date(_ iso: String?) -> HNode { .txt(iso.map { Format.date(iso: $0) } ?? "—") }
        return .group(
            UI.table(
                caption: "Fenêtres du programme",
                headers: [
                    ("Fenêtre", false), ("Candidatures", false), ("Fin d'instruction", false),
                    ("Cibles d'usage", false), ("Paiement", false),
                    ("Phase au \(Format.date(iso: model.today.iso))", false)
                ],
                rows: model.windows.map { window in
                    [
                        .txt("Fenêtre \(window.number)" + (window.version > 1 ? " (dates modifiées)" : "")),
                        .txt(
                            [window.opensOn, window.closesOn].map { $0.map { Format.date(iso: $0) } ?? "…" }
                                .joined(separator: " – ")),
                        date(window.instructionEndsOn), date(window.targetsDueOn), date(window.paymentDueOn),
                        .txt(window.phase(on: model.today))
                    ]
                }),
            .when(
                !model.history.isEmpty,
                UI.table(
                    caption: "Dates antérieures des fenêtres",
                    headers: [
                        ("Fenêtre", false), ("Candidatures", false), ("Cibles d'usage", false), ("Motif", false),
                        ("Modifié", false)
                    ],
                    rows: model.history.map { change in
                        let number = model.windows.first { $0.id == change.windowID }?.number ?? 0
                        return [
                            .txt("Fenêtre \(number)"),
                            .txt(
                                [change.opensOn, change.closesOn].map { $0.map { Format.date(iso: $0) } ?? "…" }
                                    .joined(separator: " – ")),
                            .txt(change.targetsDueOn.map { Format.date(iso: $0) } ?? "—"), .txt(change.reason),
                            .txt("\(Format.date(change.changedAt)) par \(change.changedBy)")
                        ]
                    })))
    }

    /// Deadlines move in real life: a window's dates are changed with the reason, the previous ones kept.
    static func moveForm(_ window: ProgrammeQuery.Window, url: String) -> HNode {
        let labels = [
            ("opens_on", "Ouverture des candidatures", window.opensOn), ("closes_on", "Clôture", window.closesOn),
            ("instruction_ends_on", "Fin d'instruction", window.instructionEndsOn),
            ("targets_due_on", "Cibles d'usage", window.targetsDueOn),
            ("payment_due_on", "Paiement", window.paymentDueOn)
        ]
        return .el(
            "details", .cls("fr-mt-2w"), .el("summary", .txt("Modifier les dates de la fenêtre \(window.number)")),
            .postForm(
                .regional, .attr("action", url), UI.hidden("section", "window"),
                UI.hidden("number", "\(window.number)"), UI.hidden("version", "\(window.version)"),
                .el(
                    "div", .cls("fr-grid-row fr-grid-row--gutters"),
                    .group(
                        labels.map { field, label, value in
                            .el(
                                "div", .cls("fr-col-12 fr-col-md-4"),
                                UI.input(
                                    id: "fenetre-\(window.number)-\(field)", name: field, label: label,
                                    value: value ?? "",
                                    type: "date"))
                        })),
                UI.input(
                    id: "fenetre-\(window.number)-motif", name: "reason", label: "Motif du changement", value: "",
                    required: true),
                .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Enregistrer les dates")))
        )
    }

    static func windowSelector(_ model: Model, url: String) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", url + "#domaines"), .cls("fr-mb-3w jalon-inline"),
            UI.select(
                id: "programme-fenetre", name: "fenetre", label: "Fenêtre",
                options: [("", "Toutes les fenêtres")] + model.windows.map { ("\($0.number)", "Fenêtre \($0.number)") },
                selected: model.table.window.map(String.init) ?? ""),
            .el("button", .cls("fr-btn fr-btn--secondary"), .attr("type", "submit"), .txt("Afficher")))
    }

    static func rate(_ value: Double?) -> String {
        value.map { Format.decimal($0 * 100, fractionDigits: 1) + " %" } ?? "—"
    }

    static func domains(_ model: Model) -> HNode {
        let rows = model.table.domains
        let shares = LargestRemainder.percentages(rows.map(\.validated))
        let applications = SiteURL.programmeApplications(model.programme.code).path
        func link(_ count: Int, domain: String, status: String?) -> HNode {
            var query = [("domaine", domain)]
            if let window = model.table.window { query.append(("fenetre", "\(window)")) }
            if let status { query.append(("statut", status)) }
            return count == 0
                ? .txt("0")
                : .link(
                    applications + "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"),
                    .txt(Format.integer(count)))
        }
        return .group(
            .el(
                "p",
                .txt(
                    "\(Format.integer(model.table.applicants)) structure(s) candidate(s), "
                        + "\(Format.integer(model.table.validatedApplicants)) validée(s) sur au moins un domaine, "
                        + "\(Format.integer(model.table.refusedApplicants)) refusée(s).")),
            UI.table(
                caption: "Par domaine de candidature",
                headers: [
                    ("Domaine", false), ("Éligibles", true), ("Déposées", true), ("Part des éligibles", true),
                    ("Validées", true), ("Part des éligibles", true), ("Part des validations", true),
                    ("Refusées", true), ("Reportées", true), ("Engagé", true), ("Enveloppe", true), ("Reste", true)
                ],
                rows: zip(rows, shares).map { row, share in
                    [
                        .txt(row.domain.label), .txt(Format.integer(row.eligible)),
                        link(row.filed, domain: row.domain.code, status: nil), .txt(rate(row.filedRate)),
                        link(row.validated, domain: row.domain.code, status: "valide"),
                        .txt(rate(row.validatedRate)), .txt("\(share) %"),
                        link(row.refused, domain: row.domain.code, status: "refuse"),
                        link(row.postponed, domain: row.domain.code, status: "reporte"),
                        .txt(model.showsAmounts ? Money.french(row.committedCents) : "—"),
                        .txt(row.domain.envelopeCents.map(Money.french) ?? "—"),
                        .txt(model.showsAmounts ? row.envelopeLeftCents.map(Money.french) ?? "—" : "—")
                    ]
                }, numericColumns: Set(1...11)))
    }

    static func groups(_ rows: [ProgrammeStats.GroupRow], caption: String, heading: String) -> HNode {
        let shares = LargestRemainder.percentages(rows.map(\.validated))
        return .group(
            .el("h3", .cls("fr-mt-4w"), .txt(caption)),
            UI.table(
                caption: caption, headers: [(heading, false), ("Validées", true), ("Part", true)],
                rows: zip(rows, shares).map { row, share in
                    [.txt(row.label), .txt(Format.integer(row.validated)), .txt("\(share) %")]
                } + [
                    [
                        .txt("Total"), .txt(Format.integer(rows.reduce(0) { $0 + $1.validated })),
                        .txt(rows.contains { $0.validated > 0 } ? "100 %" : "—")
                    ]
                ],
                numericColumns: [1, 2]))
    }
}
