import Foundation
import JalonCore

/// The progress object shared by `GET /api/progress` and `jalon progress --json`: every key is always
/// present (null when unknown); ratios are plain numbers (1.303, not "130,3 %").
enum ProgressJSON {
    static func object(_ r: ProgressQuery.Result) -> [String: Any] {
        let p = r.progress
        func n(_ v: Double?) -> Any { v.map { $0 as Any } ?? NSNull() }
        var target: Any = NSNull()
        if let t = p.target {
            let value: Any =
                switch t.value {
                case .number(let v): v
                case .boolean(let b): b
                case .text(let s): s
                case .notDefined: "non_defini"
                case .upcoming: "a_venir"
                case .beingDefined: "en_cours_de_definition"
                }
            target = ["value": value, "due": t.due.iso, "baseline": n(t.baseline)]
        }
        return [
            "indicator": r.indicator.code, "territory": r.territory.code, "couloir": r.couloir.rawValue, "at": r.at.iso,
            "value": n(p.value), "value_date": p.valueDate.map { $0.iso as Any } ?? NSNull(),
            "target": target, "realisation": n(p.realisation), "expected": n(p.expected), "projection": n(p.projection),
            "attainment": n(p.attainment), "status": p.status.rawValue, "provenance": r.series.provenance,
            "rolled_up": n(r.rolledUp), "inconsistent": r.inconsistent
        ]
    }

    static func data(_ r: ProgressQuery.Result) throws -> Data {
        try JSONSerialization.data(withJSONObject: object(r), options: [.sortedKeys])
    }
}
