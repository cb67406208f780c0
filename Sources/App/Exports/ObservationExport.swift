import Foundation
import JalonCore
import SQLKit

/// CSV exports for French Excel (`;`, UTF-8 with BOM, comma decimals, no digit grouping so that
/// Excel reads numbers as numbers); cells that could run as spreadsheet formulas are neutralised.
/// The observations export reads back through the observations import unchanged.
enum ObservationExport {
    struct Filter: Sendable, Equatable {
        var indicator: String?
        var territory: String?
        var couloir: Couloir?
    }

    /// `0.1283` → `0,1283`; integers without decimals.
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        // Swift's shortest representation reads back to the very same double (exact round trip).
        var s = "\(v)"
        if s.contains("e") {
            s = String(format: "%.17f", v)
            while s.hasSuffix("0") { s.removeLast() }
        }
        return s.replacingOccurrences(of: ".", with: ",")
    }

    static func observations(_ f: Filter, on db: any SQLDatabase) async throws -> String {
        struct R: Decodable {
            var indicator_code, label, subject, couloir, period, source, comment, provenance: String
            var territory_code: String?; var finess_et: String?
            var value, numerator, denominator: Double?; var not_provided: Bool
        }
        var q: SQLQueryString = """
            SELECT o.indicator_code, i.label, o.subject, o.couloir, o.period, o.source, o.comment, o.provenance, o.territory_code, s.finess_et,
                   o.value, o.numerator, o.denominator, o.not_provided
            FROM observations o JOIN indicators i ON i.code = o.indicator_code LEFT JOIN structures s ON s.id = o.structure_id WHERE 1 = 1
            """
        if let i = f.indicator { q += " AND o.indicator_code = \(bind: i)" }
        if let t = f.territory {
            q += " AND (o.territory_code IN (SELECT b.territory_code FROM territory_communes a JOIN territory_communes b ON b.commune_code = a.commune_code WHERE a.territory_code = \(bind: t) GROUP BY b.territory_code) OR s.commune_code IN (SELECT commune_code FROM territory_communes WHERE territory_code = \(bind: t)))"
        }
        if let c = f.couloir { q += " AND o.couloir IN (\(binds: c.members.map(\.rawValue) + [c.rawValue]))" }
        q += " ORDER BY o.indicator_code, o.subject, o.period_end"
        let rows = try await db.raw(q).all(decoding: R.self)
        var out = "\u{FEFF}indicateur;libelle;territoire;structure;couloir;periode;valeur;numerateur;denominateur;source;commentaire;provenance\r\n"
        for r in rows {
            let value = r.not_provided ? "ND" : number(r.value)
            let fields = [r.indicator_code, r.label, r.territory_code ?? "", r.finess_et ?? (r.subject.hasPrefix("S:") ? String(r.subject.dropFirst(2)) : ""),
                          r.couloir, r.period, value, number(r.numerator), number(r.denominator), r.source, r.comment, r.provenance]
            out += fields.map(Structures.quote).joined(separator: ";") + "\r\n"
        }
        return out
    }

    /// The dashboard at a date, one line per indicator.
    static func progress(_ m: Dashboard.Model) -> String {
        var out = "\u{FEFF}objectif;fiche;indicateur;libelle;couloir;cible;echeance;valeur;date_valeur;realisation;statut\r\n"
        for o in m.objectives {
            for f in o.fiches {
                for r in f.rows {
                    out += [String(o.number), f.title, r.code, r.label, r.couloir, r.target, r.due, r.value, r.valueDate, r.realisation, r.status.label]
                        .map(Structures.quote).joined(separator: ";") + "\r\n"
                }
            }
        }
        return out
    }
}
