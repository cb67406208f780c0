import Foundation
import JalonCore
import Plot

extension CommitteePack {
    /// The pack as one HTML document of landscape slides: each section starts a page, page numbers and the
    /// committee run in the page margins, headings make the PDF's outline. Self-contained but for the
    /// Marianne font, read from `/vendor/dsfr/fonts/` (the PDF renderer points `<base>` at the assets).
    static func render(_ model: Model) -> String {
        let page: HNode = .el(
            "html", .attr("lang", "fr"),
            .el(
                "head",
                .void("meta", [("charset", "utf-8")]),
                .void("base", [("href", "/")]),
                .el("title", .txt("Dossier de séance — \(model.title)")),
                .el("style", .raw(stylesheet(footer: model.title)))),
            .el(
                "body",
                .group(
                    model.template.sections.map { section in
                        switch section {
                        case .cover: cover(model)
                        case .agenda: agenda(model)
                        case .indicators: indicators(model)
                        case .focus: focus(model)
                        case .comparison: comparison(model)
                        case .decisions: decisions(model)
                        case .attention: attention(model)
                        case .changes: changes(model)
                        case .contacts: contacts(model)
                        }
                    })))
        return "<!DOCTYPE html>\n" + page.render()
    }

    static func slide(_ title: String, subtitle: String = "", _ content: HNode...) -> HNode {
        .el(
            "section", .cls("slide"),
            .el(
                "header", .cls("slide__header"), .el("h1", .txt(title)),
                .when(!subtitle.isEmpty, .el("p", .cls("slide__subtitle"), .txt(subtitle)))),
            .group(content))
    }

    static func cover(_ model: Model) -> HNode {
        let meeting = model.meeting
        let place = [meeting.place, meeting.videoUrl.isEmpty ? "" : "en visioconférence"].filter { !$0.isEmpty }
            .joined(separator: " et ")
        return .el(
            "section", .cls("slide slide--cover"),
            .el(
                "div", .cls("marianne"), .el("p", .cls("marianne__state"), .raw("République<br/>française")),
                .el("p", .cls("marianne__motto"), .raw("Liberté<br/>Égalité<br/>Fraternité"))),
            .el("p", .cls("cover__kind"), .txt(model.committee.kindLabel)),
            .el("h1", .cls("cover__title"), .txt(model.committee.name)),
            .el(
                "p", .cls("cover__date"),
                .txt(
                    Format.longDate(iso: meeting.day) + " à "
                        + meeting.startTime.replacingOccurrences(of: ":", with: " h "))),
            .when(!place.isEmpty, .el("p", .cls("cover__place"), .txt(place))),
            .el(
                "p", .cls("cover__photo"),
                .txt(
                    "Données : photo à date « \(model.photo.name) » au \(Format.date(iso: model.photo.asOf.iso)), "
                        + "\(model.roadmapName), \(model.territoryName)")),
            .el("p", .cls("cover__sha"), .txt("Empreinte SHA-256 de la photo : \(model.photo.sha256)")))
    }

    static func agenda(_ model: Model) -> HNode {
        var clock = minutes(model.meeting.startTime)
        return slide(
            "Ordre du jour",
            model.agenda.isEmpty
                ? .el("p", .txt("Ordre du jour à venir."))
                : table(
                    headers: ["Horaire", "Durée", "Point", "Intervenants"],
                    rows: model.agenda.map { item in
                        let start = clock
                        clock += item.durationMinutes
                        return [
                            .txt(time(start)), .txt("\(item.durationMinutes) min"), .txt(item.title),
                            .txt(item.speakers)
                        ]
                    }, numeric: [1]))
    }

    static func indicators(_ model: Model) -> HNode {
        .group(
            model.objectives.map { objective in
                slide(
                    "Objectif \(objective.number)", subtitle: objective.title,
                    .el(
                        "p", .cls("slide__lead"),
                        .txt("Photo à date au \(Format.date(iso: model.photo.asOf.iso)) — \(model.territoryName)")),
                    table(
                        headers: ["Service", "Secteur", "Indicateur", "Cible", "Source", "Photo à date", "Statut"],
                        rows: objective.rows.map { line in
                            [
                                .txt(line.service), .txt(line.secteur),
                                .group(.el("strong", .txt(line.code)), .txt(" \(line.label)")), .txt(line.target),
                                .txt(line.source), .txt(line.value), badge(line.status, line.statusLabel)
                            ]
                        }))
            })
    }

    static func focus(_ model: Model) -> HNode {
        .group(
            model.focus.map { page in
                let definition = page.indicator.definition
                let bars = page.rows.compactMap { row in
                    row.rawValue.map { (label: row.territory.name, value: $0, target: row.rawTarget) }
                }
                return slide(
                    "Focus — \(definition.code) \(definition.label)",
                    .el(
                        "p", .cls("slide__lead"),
                        .txt(
                            "\(page.territory.name) au \(Format.date(iso: page.at.iso)) : \(page.main.value) — "
                                + "\(page.main.status.label) ; cible \(page.main.target)")),
                    .el(
                        "div", .cls("focus"),
                        .el(
                            "figure",
                            .raw(
                                SVGChart.line(
                                    title: "\(definition.code) — \(page.territory.name)", series: page.series,
                                    targets: page.targets, trajectory: page.trajectory,
                                    valueFormat: { IndicatorFormat.value($0, definition) }, width: 560, height: 300)),
                            .el("figcaption", .txt("Évolution, cibles et trajectoire"))),
                        .el(
                            "figure",
                            page.map != nil && bars.count > 12
                                ? .raw(page.map ?? "")
                                : .raw(
                                    SVGChart.bars(
                                        title: "\(definition.code) par territoire", items: bars,
                                        valueFormat: { IndicatorFormat.value($0, definition) }, width: 440)),
                            .el("figcaption", .txt("Par territoire")))))
            })
    }

    static func comparison(_ model: Model) -> HNode {
        guard let comparison = model.comparison else { return .group() }
        return slide(
            "Comparaison des territoires",
            .el("p", .cls("slide__lead"), .txt("Au \(Format.date(iso: comparison.at.iso)) : valeur et statut")),
            table(
                headers: ["Indicateur"] + comparison.territories.map(\.name),
                rows: comparison.rows.map { row in
                    [.group(.el("strong", .txt(row.code)), .txt(" \(row.label)"))]
                        + row.cells.map { cell in
                            .el("span", .cls("cell cell--\(cell.status.rawValue)"), .txt(cell.value))
                        }
                }, small: true))
    }

    static func decisions(_ model: Model) -> HNode {
        slide(
            "Relevé de décisions",
            model.decisions.isEmpty
                ? .el("p", .txt("Aucune décision à suivre des réunions précédentes."))
                : table(
                    headers: ["Réunion", "Décision", "Responsable", "Échéance", "Statut"],
                    rows: model.decisions.map { decision in
                        [
                            .txt(Format.date(iso: decision.day)), .txt(decision.text),
                            .txt(decision.owner.isEmpty ? "—" : decision.owner),
                            .txt(decision.dueOn.map { Format.date(iso: $0) } ?? "—"),
                            .txt(DecisionStatus(rawValue: decision.status)?.label ?? decision.status)
                        ]
                    }))
    }

    static func attention(_ model: Model) -> HNode {
        slide(
            "Points d'attention",
            model.attention.isEmpty
                ? .el("p", .txt("Aucun point d'attention ouvert."))
                : table(
                    headers: ["Réunion", "Type", "Point", "Suivi"],
                    rows: model.attention.map { point in
                        [
                            .txt(Format.date(iso: point.day)),
                            .txt(AttentionKind(rawValue: point.kind)?.label ?? point.kind), .txt(point.text),
                            .txt(point.status == "ouvert" ? "Ouvert" : "Clos")
                        ]
                    }))
    }

    static func changes(_ model: Model) -> HNode {
        guard let previous = model.previous else {
            return slide(
                "Évolutions depuis le comité précédent",
                .el("p", .txt("Premier dossier de ce comité : pas de photo précédente à comparer.")))
        }
        let changes = previous.changes
        return slide(
            "Évolutions depuis le comité précédent",
            .el(
                "p", .cls("slide__lead"),
                .txt(
                    "Photo « \(previous.name) » au \(Format.date(iso: previous.asOf.iso)) → "
                        + "photo « \(model.photo.name) » au \(Format.date(iso: model.photo.asOf.iso))")),
            changes.isEmpty
                ? .el("p", .txt("Aucune évolution des valeurs ni des statuts."))
                : .group(
                    .when(
                        !changes.newlyLate.isEmpty,
                        .el(
                            "p", .cls("alert"),
                            .txt(
                                "Nouveaux retards : "
                                    + changes.newlyLate.map { "\($0.code) \($0.label)" }.joined(separator: " ; ")))),
                    table(
                        headers: ["Indicateur", "Valeur avant", "Valeur à date", "Statut avant", "Statut à date"],
                        rows: changes.changed.map { change in
                            [
                                .group(.el("strong", .txt(change.code)), .txt(" \(change.label)")),
                                .txt(change.valueBefore), .txt(change.valueAfter), .txt(change.statusBefore),
                                .txt(change.statusAfter)
                            ]
                        }),
                    .when(
                        !changes.added.isEmpty,
                        .el("p", .txt("Nouveaux indicateurs : " + changes.added.map(\.code).joined(separator: ", ")))),
                    .when(
                        !changes.removed.isEmpty,
                        .el("p", .txt("Indicateurs retirés : " + changes.removed.map(\.code).joined(separator: ", ")))))
        )
    }

    static func contacts(_ model: Model) -> HNode {
        let groups = Dictionary(grouping: model.interlocutors, by: { $0.organisation ?? "Autres" })
        return slide(
            "Vos interlocuteurs",
            model.interlocutors.isEmpty
                ? .el("p", .txt("Les membres du comité ne sont pas encore renseignés."))
                : .el(
                    "div", .cls("contacts"),
                    .group(
                        groups.keys.sorted().map { organisation in
                            .el(
                                "div", .cls("contacts__organisation"), .el("h2", .txt(organisation)),
                                .el(
                                    "ul",
                                    .group(
                                        (groups[organisation] ?? []).map { person in
                                            .el(
                                                "li", .el("strong", .txt(person.name)),
                                                .txt(
                                                    [person.function, person.role].filter { !$0.isEmpty }
                                                        .map { " — \($0)" }.joined()),
                                                .when(!person.email.isEmpty, .el("br")),
                                                .txt(person.email),
                                                .txt(person.phone.isEmpty ? "" : " · \(person.phone)"))
                                        })))
                        })))
    }

    static func table(headers: [String], rows: [[HNode]], numeric: Set<Int> = [], small: Bool = false) -> HNode {
        .el(
            "table", .cls(small ? "grid grid--small" : "grid"),
            .el("thead", .el("tr", .group(headers.map { .el("th", .attr("scope", "col"), .txt($0)) }))),
            .el(
                "tbody",
                .group(
                    rows.map { cells in
                        .el(
                            "tr",
                            .group(
                                cells.enumerated().map { index, cell in
                                    .el("td", .when(numeric.contains(index), .cls("num")), cell)
                                }))
                    })))
    }

    static func badge(_ status: String, _ label: String) -> HNode {
        .el("span", .cls("badge badge--\(status)"), .txt(label))
    }

    static func minutes(_ time: String) -> Int {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        return parts.count == 2 ? parts[0] * 60 + parts[1] : 0
    }

    static func time(_ minutes: Int) -> String { String(format: "%02d h %02d", minutes / 60 % 24, minutes % 60) }
}
