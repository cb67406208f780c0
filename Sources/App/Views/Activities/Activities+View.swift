import Foundation
import JalonCore
import Plot

/// The activity log: the journal with its filters and totals, one activity, the form to log one.
enum ActivitiesPage {
    struct Model: Sendable {
        var filter: ActivityFilter
        var rows: [ActivityRow]
        var totals: ActivityQuery.Totals
        var message: String?
    }

    static func filterForm(_ f: ActivityFilter) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.activities.path), .cls("fr-mb-3w"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-6 fr-col-md-2"),
                    UI.input(id: "f-du", name: "du", label: "Du", value: f.from?.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-6 fr-col-md-2"),
                    UI.input(id: "f-au", name: "au", label: "Au", value: f.to?.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "f-type", name: "type", label: "Type",
                        options: [("", "Tous")] + ActivityType.allCases.map { ($0.rawValue, $0.label) },
                        selected: f.type?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-2"),
                    UI.select(
                        id: "f-theme", name: "theme", label: "Thème",
                        options: [("", "Tous")] + ActivityTopic.known.map { ($0.code, $0.code) }, selected: f.topic)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "f-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous")]
                            + Couloir.allCases.filter { $0 != .tous }.map { ($0.rawValue, $0.label) },
                        selected: f.couloir?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(
                        id: "f-territoire", name: "territoire", label: "Territoire", value: f.territory,
                        hint: "ex. R32, D59, TAN-LITTORAL")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(id: "f-organisateur", name: "organisateur", label: "Organisateur", value: f.organiser))),
            .el("button", .cls("fr-btn fr-btn--secondary fr-mt-2w"), .attr("type", "submit"), .txt("Filtrer")))
    }

    static func table(_ rows: [ActivityRow], caption: String) -> HNode {
        UI.table(
            caption: caption,
            headers: [
                ("Date", false), ("Type", false), ("Titre", false), ("Territoires", false),
                ("Structures touchées", true),
                ("Participants", true), ("Organisateurs", false)
            ],
            rows: rows.map { r in
                [
                    .txt(Format.date(iso: r.date.iso)), .txt(r.type.label),
                    .group(
                        .link(SiteURL.activity(r.id.uuidString.lowercased()).path, .txt(r.title)),
                        .when(
                            !r.topics.isEmpty, .el("span", .cls("fr-hint-text"), .txt(r.topics.joined(separator: ", ")))
                        )),
                    .txt(r.territories.joined(separator: ", ")), .txt(UI.number(r.reached)),
                    .txt(r.participants.map(UI.number) ?? "—"),
                    .txt(r.organisers.joined(separator: ", "))
                ]
            }, numericColumns: [4, 5])
    }

    static func render(_ m: Model) -> String {
        let f = m.filter
        let query: [(String, String?)] = [
            ("du", f.from?.iso), ("au", f.to?.iso), ("type", f.type?.rawValue), ("theme", f.topic),
            ("couloir", f.couloir?.rawValue),
            ("territoire", f.territory), ("organisateur", f.organiser)
        ]
        let pages = max(1, (m.totals.activities + f.perPage - 1) / f.perPage)
        return Layout(title: "Activités", section: .activities, breadcrumb: [("Activités", SiteURL.activities.path)])
            .render(
                .group(
                    UI.h1("Journal des activités"),
                    .when(m.message != nil, UI.alert(m.message ?? "", kind: "success")),
                    .el(
                        "ul", .cls("fr-btns-group fr-btns-group--inline-md"),
                        .el("li", .link(SiteURL.activityNew.path, .cls("fr-btn"), .txt("Consigner une activité"))),
                        .el(
                            "li",
                            .link(SiteURL.worklist.path, .cls("fr-btn fr-btn--secondary"), .txt("Structures à toucher"))
                        ),
                        .el(
                            "li",
                            .link(
                                SiteURL.activityTerritories.path, .cls("fr-btn fr-btn--secondary"),
                                .txt("Par territoire"))),
                        .el(
                            "li",
                            .link(SiteURL.activityCalendar.path, .cls("fr-btn fr-btn--secondary"), .txt("Calendrier"))),
                        .el(
                            "li",
                            .link(
                                SiteURL.activityReport.path, .cls("fr-btn fr-btn--secondary"),
                                .txt("Bilan par organisateur"))),
                        .el(
                            "li",
                            .link(
                                SiteURL.directory.path, .cls("fr-btn fr-btn--secondary"),
                                .txt("Annuaire et qui contacter"))),
                        .el(
                            "li",
                            .link(
                                SiteURL.activitiesICS.path, .cls("fr-btn fr-btn--tertiary"),
                                .txt("Agenda (ICS) des activités à venir")))),
                    filterForm(f),
                    .el(
                        "ul", .cls("jalon-kpis"),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(m.totals.activities))),
                            .txt("activités")),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(m.totals.participants))),
                            .txt("participants")),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(m.totals.structures))),
                            .txt("structures touchées (distinctes)"))),
                    m.rows.isEmpty
                        ? .el("p", .txt("Aucune activité pour ce filtre."))
                        : table(m.rows, caption: "Activités, les plus récentes d'abord"),
                    .when(
                        pages > 1,
                        UI.pagination(page: f.page, pageCount: pages) {
                            SiteURL.activities.with(query + [("page", String($0))])
                        })))
    }

    static func renderDetail(_ d: ActivityQuery.Detail, error: String? = nil) -> String {
        let r = d.row
        let id = r.id.uuidString.lowercased()
        return Layout(
            title: r.title, section: .activities,
            breadcrumb: [
                ("Activités", SiteURL.activities.path), (r.title, SiteURL.activity(r.id.uuidString.lowercased()).path)
            ]
        ).render(
            .group(
                UI.h1(r.title),
                .when(error != nil, UI.alert(error ?? "", kind: "error", title: "Pièce jointe refusée")),
                UI.keyValueTable(
                    caption: "L'activité",
                    rows: [
                        ("Type", .txt(r.type.label)), ("Date", .txt(Format.date(iso: r.date.iso))),
                        ("Durée", .txt(d.durationMinutes.map { "\($0) min" } ?? "—")),
                        ("Lieu", .txt(d.remote ? "À distance" : (d.place.isEmpty ? "—" : d.place))),
                        ("Participants", .txt(r.participants.map(UI.number) ?? "—")),
                        ("Thèmes", .txt(r.topics.isEmpty ? "—" : r.topics.joined(separator: ", "))),
                        ("Couloirs visés", .txt(d.couloirs.isEmpty ? "—" : d.couloirs.joined(separator: ", "))),
                        (
                            "Territoires",
                            r.territories.isEmpty
                                ? .txt("—")
                                : .group(
                                    .each(r.territories) {
                                        .group(.link(SiteURL.territory($0).path, .txt($0)), .txt(" "))
                                    })
                        ),
                        ("Organisateurs", .txt(r.organisers.isEmpty ? "—" : r.organisers.joined(separator: ", "))),
                        ("Compte rendu", .txt(d.notes.isEmpty ? "—" : d.notes))
                    ]),
                .el("h2", .txt("Structures touchées (\(d.structures.count))")),
                d.structures.isEmpty
                    ? .el("p", .txt("Aucune structure rattachée."))
                    : UI.table(
                        caption: "Structures touchées",
                        headers: [("Structure", false), ("Commune", false), ("Couloir", false), ("Présents", false)],
                        rows: d.structures.map { s in
                            [
                                .link(SiteURL.structure(s.structure.key).path, .txt(s.structure.name)),
                                .txt(s.structure.city), .txt(s.structure.couloir),
                                .txt(s.attendees.isEmpty ? "—" : s.attendees)
                            ]
                        }),
                .el("h2", .txt("Pièces jointes")),
                d.attachments.isEmpty
                    ? .el("p", .txt("Aucune pièce jointe."))
                    : .el(
                        "ul",
                        .each(d.attachments) { a in
                            .el(
                                "li",
                                .link(
                                    SiteURL.activityAttachment(id, a.id.uuidString.lowercased()).path, .txt(a.fileName)),
                                .txt(" (\(UI.number(max(1, a.size / 1024))) Kio)"))
                        }),
                .postForm(
                    .activities, .attr("action", SiteURL.activityAttachments(id).path),
                    .attr("enctype", "multipart/form-data"),
                    .el(
                        "div", .cls("fr-upload-group"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "piece"), .txt("Ajouter une pièce jointe"),
                            .el("span", .cls("fr-hint-text"), .txt("ordre du jour, support… 10 Mo au plus"))),
                        .void("input", [("class", "fr-upload"), ("type", "file"), ("id", "piece"), ("name", "file")])),
                    .el(
                        "button", .cls("fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w"), .attr("type", "submit"),
                        .txt("Joindre"))),
                .el("h2", .cls("fr-mt-5w"), .txt("Historique")),
                d.history.isEmpty
                    ? .el("p", .txt("Aucun événement."))
                    : AuditPage.table(d.history, caption: "Historique de l'activité")))
    }

    /// The form, prefilled (a visit from the worklist comes with its structure).
    struct Form: Sendable, Equatable {
        var date = ""
        var type = ActivityType.visite.rawValue
        var title = ""
        var duration = ""
        var place = ""
        var remote = false
        var participants = ""
        var topics: [String] = []
        var couloirs: [String] = []
        var territories = ""
        var structures = ""
        var organisers = ""
        var notes = ""
        var followups = ""
        /// Lines of the structures list that name no structure or several: the user picks.
        var review: [Review] = []
    }

    struct Review: Sendable, Equatable {
        var index: Int
        var text: String
        var candidates: [(key: String, label: String)]
        static func == (a: Review, b: Review) -> Bool {
            a.index == b.index && a.text == b.text && a.candidates.map(\.key) == b.candidates.map(\.key)
        }
    }

    static func renderForm(_ f: Form, error: String?) -> String {
        Layout(
            title: "Consigner une activité", section: .activities,
            breadcrumb: [("Activités", SiteURL.activities.path), ("Consigner", SiteURL.activityNew.path)]
        ).render(
            .group(
                UI.h1("Consigner une activité"),
                .when(error != nil, UI.alert(error ?? "", kind: "error", title: "Activité non enregistrée")),
                .postForm(
                    .activities, .attr("action", SiteURL.activityNew.path), .attr("enctype", "multipart/form-data"),
                    .when(
                        !f.review.isEmpty,
                        .group(
                            .el("h2", .cls("fr-h4"), .txt("Structures à préciser")),
                            .each(f.review) { r in
                                UI.select(
                                    id: "choix-\(r.index)", name: "choix_\(r.index)",
                                    label: r.candidates.isEmpty
                                        ? "« \(r.text) » : aucune structure ouverte de ce nom"
                                        : "« \(r.text) » : \(r.candidates.count) structures possibles",
                                    options: [("", "— choisir —")] + r.candidates.map { ($0.key, $0.label) } + [
                                        ("-", "Ne pas rattacher")
                                    ], selected: nil)
                            })),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "a-date", name: "date", label: "Date", value: f.date, type: "date", required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "a-type", name: "type", label: "Type",
                                options: ActivityType.allCases.map { ($0.rawValue, $0.label) }, selected: f.type)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.input(id: "a-titre", name: "title", label: "Titre", value: f.title, required: true))),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-2"),
                            UI.input(
                                id: "a-duree", name: "duration", label: "Durée (min)", value: f.duration, type: "number"
                            )),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-2"),
                            UI.input(
                                id: "a-participants", name: "participants", label: "Participants", value: f.participants
                            )),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-5"),
                            UI.input(id: "a-lieu", name: "place", label: "Lieu", value: f.place)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3 fr-mt-4w"),
                            .el(
                                "div", .cls("fr-checkbox-group"),
                                .void(
                                    "input",
                                    [("type", "checkbox"), ("id", "a-distanciel"), ("name", "remote"), ("value", "1")]
                                        + (f.remote ? [("checked", "checked")] : [])),
                                .el("label", .cls("fr-label"), .attr("for", "a-distanciel"), .txt("À distance"))))),
                    checkboxes(
                        "Thèmes", name: "topics",
                        options: ActivityTopic.known.map { ($0.code, "\($0.code) — \($0.label)") }, checked: f.topics),
                    checkboxes(
                        "Couloirs visés", name: "couloirs",
                        options: Couloir.allCases.filter { $0 != .tous }.map { ($0.rawValue, $0.rawValue) },
                        checked: f.couloirs),
                    UI.input(
                        id: "a-territoires", name: "territories", label: "Territoires", value: f.territories,
                        hint: "codes ou noms séparés par des virgules (ex. TAN-LITTORAL, D59)"),
                    UI.textarea(
                        id: "a-structures", name: "structures", label: "Structures touchées", value: f.structures,
                        hint: "une par ligne : numéro FINESS, RPPS ou SIRET, ou nom ; ajoutez « ; présents » si besoin",
                        rows: 5),
                    .el(
                        "div", .cls("fr-upload-group fr-mb-3w"),
                        .el(
                            "label", .cls("fr-label"), .attr("for", "a-structures-fichier"),
                            .txt("… ou un fichier CSV de structures"),
                            .el("span", .cls("fr-hint-text"), .txt("première colonne : numéro FINESS (ou nom)"))),
                        .void(
                            "input",
                            [
                                ("class", "fr-upload"), ("type", "file"), ("id", "a-structures-fichier"),
                                ("name", "structures_file"), ("accept", ".csv,.txt,text/csv")
                            ])),
                    UI.input(
                        id: "a-organisateurs", name: "organisers", label: "Organisateurs", value: f.organisers,
                        hint: "organisations ou adresses électroniques, séparées par des virgules"),
                    UI.textarea(id: "a-notes", name: "notes", label: "Compte rendu", value: f.notes, rows: 4),
                    UI.textarea(
                        id: "a-suites", name: "followups", label: "Suites à donner", value: f.followups,
                        hint: "une par ligne : chacune devient une tâche du tableau de la feuille de route", rows: 3),
                    .el("button", .cls("fr-btn fr-mt-2w"), .attr("type", "submit"), .txt("Enregistrer l'activité")))))
    }

    static func checkboxes(_ legend: String, name: String, options: [(String, String)], checked: [String]) -> HNode {
        .el(
            "fieldset", .cls("fr-fieldset"),
            .el("legend", .cls("fr-fieldset__legend"), .txt(legend)),
            .each(options) { value, label in
                .el(
                    "div", .cls("fr-fieldset__element fr-fieldset__element--inline"),
                    .el(
                        "div", .cls("fr-checkbox-group"),
                        .void(
                            "input",
                            [("type", "checkbox"), ("id", "\(name)-\(value)"), ("name", "\(name)[]"), ("value", value)]
                                + (checked.contains(value) ? [("checked", "checked")] : [])),
                        .el("label", .cls("fr-label"), .attr("for", "\(name)-\(value)"), .txt(label))))
            })
    }
}
