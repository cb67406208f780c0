import Foundation
import JalonCore
import SQLKit

/// The tables Jalon exports (CSV or XLSX, see `ExportTable`): observations and targets for a filter —
/// both read back through their imports unchanged — and the progress of a roadmap at a date.
enum ObservationExport {
    struct Filter: Sendable, Equatable {
        var indicator: String?
        var territory: String?
        var couloir: Couloir?
    }

    static func observations(_ filter: Filter, on db: any SQLDatabase) async throws -> ExportTable {
        struct ObservationRow: Decodable {
            var indicatorCode, label, subject, couloir, period, source, comment, provenance: String
            var territoryCode: String?
            var textValue: String?
            var assessedStatus: String?
            var finessET: String?
            var value, numerator, denominator: Double?
            var notProvided: Bool
        }
        var query: SQLQueryString = """
            SELECT o.indicator_code, i.label, o.subject, o.couloir, o.period, o.source, o.comment, o.provenance,
                   o.territory_code, s.finess_et, o.value, o.numerator, o.denominator, o.not_provided,
                   o.text_value, o.assessed_status
            FROM observations o
            JOIN indicators i ON i.code = o.indicator_code
            LEFT JOIN structures s ON s.id = o.structure_id
            WHERE 1 = 1
            """
        if let indicator = filter.indicator { query += " AND o.indicator_code = \(bind: indicator)" }
        if let territory = filter.territory {
            query += """
                 AND (o.territory_code IN (\(TerritoryQuery.overlapping(territory)))
                      OR s.commune_code IN (\(TerritoryQuery.communes(of: territory))))
                """
        }
        if let couloir = filter.couloir {
            query += " AND o.couloir IN (\(binds: couloir.members.map(\.rawValue) + [couloir.rawValue]))"
        }
        query += " ORDER BY o.indicator_code, o.subject, o.period_end"
        let rows = try await db.raw(query).all(decoding: ObservationRow.self, with: .snakeCase)
        return ExportTable(
            sheet: "Observations",
            header: [
                "indicateur", "libelle", "territoire", "structure", "couloir", "periode", "valeur", "numerateur",
                "denominateur", "source", "commentaire", "statut", "provenance"
            ],
            rows: rows.map { row in
                [
                    .text(row.indicatorCode), .text(row.label), .text(row.territoryCode ?? ""),
                    .text(row.finessET ?? (row.subject.hasPrefix("S:") ? String(row.subject.dropFirst(2)) : "")),
                    .text(row.couloir), .text(row.period),
                    row.textValue.map { .text($0) } ?? (row.notProvided ? .text("ND") : .number(row.value)),
                    .number(row.numerator), .number(row.denominator), .text(row.source), .text(row.comment),
                    .text(row.assessedStatus ?? ""), .text(row.provenance)
                ]
            })
    }

    /// Targets as the targets import reads them
    /// (`indicateur;territoire;couloir;echeance;cible;reference;date_reference;feuille_de_route`).
    static func targets(_ filter: Filter, on db: any SQLDatabase) async throws -> ExportTable {
        struct TargetRow: Decodable {
            var indicatorCode, label, territoryCode, couloir, dueOn, valueKind: String
            var valueNumber, baseline: Double?
            var valueText, baselineOn: String?
            var roadmapCode: String
        }
        var query: SQLQueryString = """
            SELECT t.indicator_code, i.label, t.territory_code, t.couloir, t.due_on, t.value_kind, t.value_number,
                   t.value_text, t.baseline, t.baseline_on, t.roadmap_code
            FROM targets t JOIN indicators i ON i.code = t.indicator_code WHERE 1 = 1
            """
        if let indicator = filter.indicator { query += " AND t.indicator_code = \(bind: indicator)" }
        if let territory = filter.territory {
            query += """
                 AND t.territory_code IN (\(TerritoryQuery.overlapping(territory)))
                """
        }
        if let couloir = filter.couloir {
            query += " AND t.couloir IN (\(binds: couloir.members.map(\.rawValue) + [couloir.rawValue]))"
        }
        query += " ORDER BY t.indicator_code, t.territory_code, t.couloir, t.due_on, t.roadmap_code"
        let rows = try await db.raw(query).all(decoding: TargetRow.self, with: .snakeCase)
        return ExportTable(
            sheet: "Cibles",
            header: [
                "indicateur", "libelle", "territoire", "couloir", "echeance", "cible", "reference", "date_reference",
                "feuille_de_route"
            ],
            rows: rows.map { row in
                let target: ExportTable.Cell =
                    row.valueKind == "number"
                    ? .number(row.valueNumber)
                    : .text(TargetService.written(kind: row.valueKind, number: row.valueNumber, text: row.valueText))
                return [
                    .text(row.indicatorCode), .text(row.label), .text(row.territoryCode), .text(row.couloir),
                    .text(row.dueOn), target, .number(row.baseline), .text(row.baselineOn ?? ""), .text(row.roadmapCode)
                ]
            })
    }

    /// The dashboard at a date, one line per indicator.
    static func progress(_ dashboard: RoadmapShow.Model) -> ExportTable {
        var rows: [[ExportTable.Cell]] = []
        for objective in dashboard.objectives {
            for fiche in objective.fiches {
                for row in fiche.rows {
                    let variations = [
                        row.variations.sincePrevious, row.variations.sinceYearBefore, row.variations.sinceBaseline
                    ]
                    rows.append(
                        [.number(Double(objective.number))]
                            + [
                                fiche.title, row.code, row.label, row.couloir, row.target, row.due, row.value,
                                row.valueDate, row.realisation, row.status.label
                            ].map { .text($0) } + variations.map { .number($0?.ratio) })
                }
            }
        }
        return ExportTable(
            sheet: "Avancement",
            header: [
                "objectif", "fiche", "indicateur", "libelle", "couloir", "cible", "echeance", "valeur", "date_valeur",
                "realisation", "statut", "evolution_periode", "evolution_un_an", "evolution_reference"
            ], rows: rows)
    }
}
