import JalonCore

extension CommitteePack {
    /// The pack's tables as sheets, for those who rebuild a slide by hand: the agenda, one sheet per
    /// objective, the comparison, the decisions, the points of attention and the changes.
    static func workbook(_ model: Model) -> [XLSXWriter.Sheet] {
        var sheets: [XLSXWriter.Sheet] = []
        let sections = Set(model.template.sections)
        if sections.contains(.agenda) {
            sheets.append(
                .init(
                    name: "Ordre du jour", header: ["Durée (min)", "Point", "Intervenants"],
                    rows: model.agenda.map {
                        [.number(Double($0.durationMinutes)), .text($0.title), .text($0.speakers)]
                    }))
        }
        if sections.contains(.indicators) {
            for objective in model.objectives {
                sheets.append(
                    .init(
                        name: "Objectif \(objective.number)",
                        header: [
                            "Service", "Secteur", "Indicateur", "Libellé", "Cible", "Source", "Photo à date", "Statut"
                        ],
                        rows: objective.rows.map { line in
                            [
                                line.service, line.secteur, line.code, line.label, line.target, line.source, line.value,
                                line.statusLabel
                            ]
                            .map { $0.isEmpty ? .empty : .text($0) }
                        }))
            }
        }
        if sections.contains(.comparison), let comparison = model.comparison {
            sheets.append(
                .init(
                    name: "Comparaison", header: ["Indicateur", "Libellé"] + comparison.territories.map(\.name),
                    rows: comparison.rows.map { row in
                        [.text(row.code), .text(row.label)] + row.cells.map { .text($0.value) }
                    }))
        }
        if sections.contains(.decisions) {
            sheets.append(
                .init(
                    name: "Décisions", header: ["Réunion", "Décision", "Responsable", "Échéance", "Statut"],
                    rows: model.decisions.map { decision in
                        [
                            .text(decision.day), .text(decision.text), .text(decision.owner),
                            decision.dueOn.map { .text($0) } ?? .empty,
                            .text(DecisionStatus(rawValue: decision.status)?.label ?? decision.status)
                        ]
                    }))
        }
        if sections.contains(.attention) {
            sheets.append(
                .init(
                    name: "Points d'attention", header: ["Réunion", "Type", "Point", "Suivi"],
                    rows: model.attention.map { point in
                        [
                            .text(point.day), .text(AttentionKind(rawValue: point.kind)?.label ?? point.kind),
                            .text(point.text), .text(point.status == "ouvert" ? "Ouvert" : "Clos")
                        ]
                    }))
        }
        if sections.contains(.changes), let previous = model.previous {
            sheets.append(
                .init(
                    name: "Évolutions",
                    header: ["Indicateur", "Libellé", "Valeur avant", "Valeur à date", "Statut avant", "Statut à date"],
                    rows: previous.changes.changed.map { change in
                        [
                            change.code, change.label, change.valueBefore, change.valueAfter, change.statusBefore,
                            change.statusAfter
                        ]
                        .map { .text($0) }
                    }))
        }
        return sheets
    }
}
