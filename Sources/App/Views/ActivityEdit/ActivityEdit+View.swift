import JalonCore
import Plot

extension ActivityEdit {
    static func render(_ model: Model) -> String {
        let form = model.form
        let error = model.error
        return Layout(
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
