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

    static func filterForm(_ filter: ActivityFilter) -> HNode {
        .el(
            "form", .attr("method", "get"), .attr("action", SiteURL.activities.path), .cls("fr-mb-3w"),
            .el(
                "div", .cls("fr-grid-row fr-grid-row--gutters"),
                .el(
                    "div", .cls("fr-col-6 fr-col-md-2"),
                    UI.input(id: "f-du", name: "du", label: "Du", value: filter.from?.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-6 fr-col-md-2"),
                    UI.input(id: "f-au", name: "au", label: "Au", value: filter.to?.iso, type: "date")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "f-type", name: "type", label: "Type",
                        options: [("", "Tous")] + ActivityType.allCases.map { ($0.rawValue, $0.label) },
                        selected: filter.type?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-2"),
                    UI.select(
                        id: "f-theme", name: "theme", label: "Thème",
                        options: [("", "Tous")] + ActivityTopic.known.map { ($0.code, $0.code) }, selected: filter.topic
                    )),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.select(
                        id: "f-couloir", name: "couloir", label: "Couloir",
                        options: [("", "Tous")]
                            + Couloir.allCases.filter { $0 != .tous }.map { ($0.rawValue, $0.label) },
                        selected: filter.couloir?.rawValue)),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(
                        id: "f-territoire", name: "territoire", label: "Territoire", value: filter.territory,
                        hint: "ex. R32, D59, TAN-LITTORAL")),
                .el(
                    "div", .cls("fr-col-12 fr-col-md-3"),
                    UI.input(id: "f-organisateur", name: "organisateur", label: "Organisateur", value: filter.organiser)
                )),
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
            rows: rows.map { activity in
                [
                    .txt(Format.date(iso: activity.date.iso)), .txt(activity.type.label),
                    .group(
                        .link(SiteURL.activity(activity.id.uuidString.lowercased()).path, .txt(activity.title)),
                        .when(
                            !activity.topics.isEmpty,
                            .el("span", .cls("fr-hint-text"), .txt(activity.topics.joined(separator: ", ")))
                        )),
                    .txt(activity.territories.joined(separator: ", ")), .txt(UI.number(activity.reached)),
                    .txt(activity.participants.map(UI.number) ?? "—"),
                    .txt(activity.organisers.joined(separator: ", "))
                ]
            }, numericColumns: [4, 5])
    }

    static func render(_ model: Model) -> String {
        let filter = model.filter
        let query: [(String, String?)] = [
            ("du", filter.from?.iso), ("au", filter.to?.iso), ("type", filter.type?.rawValue), ("theme", filter.topic),
            ("couloir", filter.couloir?.rawValue),
            ("territoire", filter.territory), ("organisateur", filter.organiser)
        ]
        let pages = max(1, (model.totals.activities + filter.perPage - 1) / filter.perPage)
        return Layout(title: "Activités", section: .activities, breadcrumb: [("Activités", SiteURL.activities.path)])
            .render(
                .group(
                    UI.h1("Journal des activités"),
                    .when(model.message != nil, UI.alert(model.message ?? "", kind: "success")),
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
                    filterForm(filter),
                    .el(
                        "ul", .cls("jalon-kpis"),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.totals.activities))),
                            .txt("activités")),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.totals.participants))),
                            .txt("participants")),
                        .el(
                            "li", .el("span", .cls("jalon-kpi__value"), .txt(UI.number(model.totals.structures))),
                            .txt("structures touchées (distinctes)"))),
                    model.rows.isEmpty
                        ? .el("p", .txt("Aucune activité pour ce filtre."))
                        : table(model.rows, caption: "Activités, les plus récentes d'abord"),
                    .when(
                        pages > 1,
                        UI.pagination(page: filter.page, pageCount: pages) {
                            SiteURL.activities.with(query + [("page", String($0))])
                        })))
    }

    static func renderDetail(_ detail: ActivityQuery.Detail, error: String? = nil) -> String {
        let activity = detail.row
        let id = activity.id.uuidString.lowercased()
        return Layout(
            title: activity.title, section: .activities,
            breadcrumb: [
                ("Activités", SiteURL.activities.path),
                (activity.title, SiteURL.activity(activity.id.uuidString.lowercased()).path)
            ]
        ).render(
            .group(
                UI.h1(activity.title),
                .when(error != nil, UI.alert(error ?? "", kind: "error", title: "Pièce jointe refusée")),
                UI.keyValueTable(
                    caption: "L'activité",
                    rows: [
                        ("Type", .txt(activity.type.label)), ("Date", .txt(Format.date(iso: activity.date.iso))),
                        ("Durée", .txt(detail.durationMinutes.map { "\($0) min" } ?? "—")),
                        ("Lieu", .txt(detail.remote ? "À distance" : (detail.place.isEmpty ? "—" : detail.place))),
                        ("Participants", .txt(activity.participants.map(UI.number) ?? "—")),
                        ("Thèmes", .txt(activity.topics.isEmpty ? "—" : activity.topics.joined(separator: ", "))),
                        (
                            "Couloirs visés",
                            .txt(detail.couloirs.isEmpty ? "—" : detail.couloirs.joined(separator: ", "))
                        ),
                        (
                            "Territoires",
                            activity.territories.isEmpty
                                ? .txt("—")
                                : .group(
                                    .each(activity.territories) {
                                        .group(.link(SiteURL.territory($0).path, .txt($0)), .txt(" "))
                                    })
                        ),
                        (
                            "Organisateurs",
                            .txt(activity.organisers.isEmpty ? "—" : activity.organisers.joined(separator: ", "))
                        ),
                        ("Compte rendu", .txt(detail.notes.isEmpty ? "—" : detail.notes))
                    ]),
                .el("h2", .txt("Structures touchées (\(detail.structures.count))")),
                detail.structures.isEmpty
                    ? .el("p", .txt("Aucune structure rattachée."))
                    : UI.table(
                        caption: "Structures touchées",
                        headers: [("Structure", false), ("Commune", false), ("Couloir", false), ("Présents", false)],
                        rows: detail.structures.map { reached in
                            [
                                .link(SiteURL.structure(reached.structure.key).path, .txt(reached.structure.name)),
                                .txt(reached.structure.city), .txt(reached.structure.couloir),
                                .txt(reached.attendees.isEmpty ? "—" : reached.attendees)
                            ]
                        }),
                .el("h2", .txt("Pièces jointes")),
                detail.attachments.isEmpty
                    ? .el("p", .txt("Aucune pièce jointe."))
                    : .el(
                        "ul",
                        .each(detail.attachments) { attachment in
                            .el(
                                "li",
                                .link(
                                    SiteURL.activityAttachment(id, attachment.id.uuidString.lowercased()).path,
                                    .txt(attachment.fileName)),
                                .txt(" (\(UI.number(max(1, attachment.size / 1024))) Kio)"))
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
                detail.history.isEmpty
                    ? .el("p", .txt("Aucun événement."))
                    : AuditPage.table(detail.history, caption: "Historique de l'activité")))
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
        static func == (lhs: Review, rhs: Review) -> Bool {
            lhs.index == rhs.index && lhs.text == rhs.text && lhs.candidates.map(\.key) == rhs.candidates.map(\.key)
        }
    }

    static func renderForm(_ form: Form, error: String?) -> String {
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
                        !form.review.isEmpty,
                        .group(
                            .el("h2", .cls("fr-h4"), .txt("Structures à préciser")),
                            .each(form.review) { review in
                                UI.select(
                                    id: "choix-\(review.index)", name: "choix_\(review.index)",
                                    label: review.candidates.isEmpty
                                        ? "« \(review.text) » : aucune structure ouverte de ce nom"
                                        : "« \(review.text) » : \(review.candidates.count) structures possibles",
                                    options: [("", "— choisir —")] + review.candidates.map { ($0.key, $0.label) } + [
                                        ("-", "Ne pas rattacher")
                                    ], selected: nil)
                            })),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.input(
                                id: "a-date", name: "date", label: "Date", value: form.date, type: "date",
                                required: true)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3"),
                            UI.select(
                                id: "a-type", name: "type", label: "Type",
                                options: ActivityType.allCases.map { ($0.rawValue, $0.label) }, selected: form.type)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-6"),
                            UI.input(id: "a-titre", name: "title", label: "Titre", value: form.title, required: true))),
                    .el(
                        "div", .cls("fr-grid-row fr-grid-row--gutters"),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-2"),
                            UI.input(
                                id: "a-duree", name: "duration", label: "Durée (min)", value: form.duration,
                                type: "number"
                            )),
                        .el(
                            "div", .cls("fr-col-6 fr-col-md-2"),
                            UI.input(
                                id: "a-participants", name: "participants", label: "Participants",
                                value: form.participants
                            )),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-5"),
                            UI.input(id: "a-lieu", name: "place", label: "Lieu", value: form.place)),
                        .el(
                            "div", .cls("fr-col-12 fr-col-md-3 fr-mt-4w"),
                            .el(
                                "div", .cls("fr-checkbox-group"),
                                .void(
                                    "input",
                                    [("type", "checkbox"), ("id", "a-distanciel"), ("name", "remote"), ("value", "1")]
                                        + (form.remote ? [("checked", "checked")] : [])),
                                .el("label", .cls("fr-label"), .attr("for", "a-distanciel"), .txt("À distance"))))),
                    checkboxes(
                        "Thèmes", name: "topics",
                        options: ActivityTopic.known.map { ($0.code, "\($0.code) — \($0.label)") }, checked: form.topics
                    ),
                    checkboxes(
                        "Couloirs visés", name: "couloirs",
                        options: Couloir.allCases.filter { $0 != .tous }.map { ($0.rawValue, $0.rawValue) },
                        checked: form.couloirs),
                    UI.input(
                        id: "a-territoires", name: "territories", label: "Territoires", value: form.territories,
                        hint: "codes ou noms séparés par des virgules (ex. TAN-LITTORAL, D59)"),
                    UI.textarea(
                        id: "a-structures", name: "structures", label: "Structures touchées", value: form.structures,
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
                        id: "a-organisateurs", name: "organisers", label: "Organisateurs", value: form.organisers,
                        hint: "organisations ou adresses électroniques, séparées par des virgules"),
                    UI.textarea(id: "a-notes", name: "notes", label: "Compte rendu", value: form.notes, rows: 4),
                    UI.textarea(
                        id: "a-suites", name: "followups", label: "Suites à donner", value: form.followups,
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
