import Foundation
import JalonCore

/// The progress object shared by `GET /api/progress` and `jalon progress --json`: every key is always
/// present (null when unknown); ratios are plain numbers (1.303, not "130,3 %").
enum ProgressJSON {
    static func object(_ result: ProgressQuery.Result) -> [String: Any] {
        let progress = result.progress
        func nullable(_ number: Double?) -> Any { number.map { $0 as Any } ?? NSNull() }
        var target: Any = NSNull()
        if let point = progress.target {
            let value: Any =
                switch point.value {
                case .number(let number): number
                case .boolean(let flag): flag
                case .text(let text): text
                case .notDefined: "non_defini"
                case .upcoming: "a_venir"
                case .beingDefined: "en_cours_de_definition"
                }
            target = ["value": value, "due": point.due.iso, "baseline": nullable(point.baseline)]
        }
        return [
            "indicator": result.indicator.code, "territory": result.territory.code, "couloir": result.couloir.rawValue,
            "at": result.at.iso, "value": nullable(progress.value),
            "value_date": progress.valueDate.map { $0.iso as Any } ?? NSNull(),
            "target": target, "realisation": nullable(progress.realisation), "expected": nullable(progress.expected),
            "projection": nullable(progress.projection), "attainment": nullable(progress.attainment),
            "status": progress.status.rawValue, "provenance": result.series.provenance,
            "rolled_up": nullable(result.rolledUp), "inconsistent": result.inconsistent,
            "variation": variation(result)
        ]
    }

    /// The variations of the value read at `at`, as plain ratios (1.165 for "+16,5 %"), null when unknown.
    static func variation(_ result: ProgressQuery.Result) -> [String: Any] {
        let definition = result.indicator.definition
        let levels = ProgressEngine.levels(
            of: result.series.points, nature: definition.nature, cumulativeSince: definition.cumulativeSince)
        let variations = Variations.of(levels: levels, at: result.at, baseline: result.progress.target?.baseline)
        func ratio(_ variation: Variation?) -> Any { variation.map { $0.ratio as Any } ?? NSNull() }
        return [
            "since_previous": ratio(variations.sincePrevious), "since_year_before": ratio(variations.sinceYearBefore),
            "since_baseline": ratio(variations.sinceBaseline)
        ]
    }

    static func data(_ result: ProgressQuery.Result) throws -> Data {
        try JSONSerialization.data(withJSONObject: object(result), options: [.sortedKeys])
    }
}
