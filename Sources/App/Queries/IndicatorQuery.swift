import Foundation
import JalonCore
import SQLKit

enum IndicatorQuery {
    struct Row: Decodable {
        var code, label, service, couloir, source, kind, unit, nature: String
        var cumulativeSince: String?
        var periodicity, rollup, direction: String
        var formula: String?
        var computed: String?
        var companion: String

        var stored: StoredIndicator {
            StoredIndicator(
                definition: IndicatorDefinition(
                    code: code, label: label, service: service, couloir: Couloir(code: couloir) ?? .tous,
                    source: source,
                    kind: IndicatorDefinition.Kind(rawValue: kind) ?? .count,
                    nature: IndicatorDefinition.Nature(rawValue: nature) ?? .stock,
                    cumulativeSince: cumulativeSince.flatMap(Day.init(iso:)),
                    rollup: IndicatorDefinition.RollupRule(rawValue: rollup) ?? .none,
                    direction: IndicatorDefinition.Direction(rawValue: direction) ?? .higher, formula: formula,
                    computed: computed.flatMap(ComputedMeasure.init(text:))), unit: unit, periodicity: periodicity,
                companion: companion)
        }
    }

    static let columns = [
        "code", "label", "service", "couloir", "source", "kind", "unit", "nature", "cumulative_since", "periodicity",
        "rollup", "direction", "formula", "computed", "companion"
    ]

    static func find(_ code: String, on db: any SQLDatabase) async throws -> StoredIndicator? {
        try await db.select().columns(columns).from("indicators").where("code", .equal, code)
            .first(decoding: Row.self, with: .snakeCase)?.stored
    }

    static func all(on db: any SQLDatabase) async throws -> [StoredIndicator] {
        try await db.select().columns(columns).from("indicators").orderBy("code")
            .all(decoding: Row.self, with: .snakeCase).map(\.stored)
    }
}
