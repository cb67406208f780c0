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

    static func observations(_ f: Filter, on db: any SQLDatabase) async throws -> ExportTable {
        struct R: Decodable {
            var indicator_code, label, subject, couloir, period, source, comment, provenance: String
            var territory_code: String?
            var finess_et: String?
            var value, numerator, denominator: Double?
            var not_provided: Bool
        }
        var q: SQLQueryString = """
            SELECT o.indicator_code, i.label, o.subject, o.couloir, o.period, o.source, o.comment, o.provenance, o.territory_code, s.finess_et,
                   o.value, o.numerator, o.denominator, o.not_provided
            FROM observations o JOIN indicators i ON i.code = o.indicator_code LEFT JOIN structures s ON s.id = o.structure_id WHERE 1 = 1
            """
        if let i = f.indicator { q += " AND o.indicator_code = \(bind: i)" }
        if let t = f.territory {
            q +=
                " AND (o.territory_code IN (SELECT b.territory_code FROM territory_communes a JOIN territory_communes b ON b.commune_code = a.commune_code WHERE a.territory_code = \(bind: t) GROUP BY b.territory_code) OR s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: t)))"
        }
        if let c = f.couloir { q += " AND o.couloir IN (\(binds: c.members.map(\.rawValue) + [c.rawValue]))" }
        q += " ORDER BY o.indicator_code, o.subject, o.period_end"
        let rows = try await db.raw(q).all(decoding: R.self)
        return ExportTable(
            sheet: "Observations",
            header: [
                "indicateur", "libelle", "territoire", "structure", "couloir", "periode", "valeur", "numerateur",
                "denominateur", "source", "commentaire", "provenance"
            ],
            rows: rows.map { r in
                [
                    .text(r.indicator_code), .text(r.label), .text(r.territory_code ?? ""),
                    .text(r.finess_et ?? (r.subject.hasPrefix("S:") ? String(r.subject.dropFirst(2)) : "")),
                    .text(r.couloir), .text(r.period),
                    r.not_provided ? .text("ND") : .number(r.value), .number(r.numerator), .number(r.denominator),
                    .text(r.source), .text(r.comment), .text(r.provenance)
                ]
            })
    }

    /// Targets as the targets import reads them (`indicateur;territoire;couloir;echeance;cible;reference;date_reference`).
    static func targets(_ f: Filter, on db: any SQLDatabase) async throws -> ExportTable {
        struct R: Decodable {
            var indicator_code, label, territory_code, couloir, due_on, value_kind: String
            var value_number, baseline: Double?
            var value_text, baseline_on: String?
        }
        var q: SQLQueryString = """
            SELECT t.indicator_code, i.label, t.territory_code, t.couloir, t.due_on, t.value_kind, t.value_number, t.value_text, t.baseline, t.baseline_on
            FROM targets t JOIN indicators i ON i.code = t.indicator_code WHERE 1 = 1
            """
        if let i = f.indicator { q += " AND t.indicator_code = \(bind: i)" }
        if let t = f.territory {
            q +=
                " AND t.territory_code IN (SELECT b.territory_code FROM territory_communes a JOIN territory_communes b ON b.commune_code = a.commune_code WHERE a.territory_code = \(bind: t) GROUP BY b.territory_code)"
        }
        if let c = f.couloir { q += " AND t.couloir IN (\(binds: c.members.map(\.rawValue) + [c.rawValue]))" }
        q += " ORDER BY t.indicator_code, t.territory_code, t.couloir, t.due_on"
        let rows = try await db.raw(q).all(decoding: R.self)
        return ExportTable(
            sheet: "Cibles",
            header: [
                "indicateur", "libelle", "territoire", "couloir", "echeance", "cible", "reference", "date_reference"
            ],
            rows: rows.map { r in
                let target: ExportTable.Cell =
                    switch r.value_kind {
                    case "number": .number(r.value_number)
                    case "boolean": .text((r.value_number ?? 0) != 0 ? "OUI" : "NON")
                    case "text": .text(r.value_text ?? "")
                    case "upcoming": .text("A venir")
                    case "being_defined": .text("en cours de définition")
                    default: .text("ni")
                    }
                return [
                    .text(r.indicator_code), .text(r.label), .text(r.territory_code), .text(r.couloir), .text(r.due_on),
                    target,
                    .number(r.baseline), .text(r.baseline_on ?? "")
                ]
            })
    }

    /// The dashboard at a date, one line per indicator.
    static func progress(_ m: Dashboard.Model) -> ExportTable {
        var rows: [[ExportTable.Cell]] = []
        for o in m.objectives {
            for f in o.fiches {
                for r in f.rows {
                    rows.append(
                        [.number(Double(o.number))]
                            + [
                                f.title, r.code, r.label, r.couloir, r.target, r.due, r.value, r.valueDate,
                                r.realisation, r.status.label
                            ].map { .text($0) })
                }
            }
        }
        return ExportTable(
            sheet: "Avancement",
            header: [
                "objectif", "fiche", "indicateur", "libelle", "couloir", "cible", "echeance", "valeur", "date_valeur",
                "realisation", "statut"
            ], rows: rows)
    }
}
