import Foundation
import JalonCore
import SQLKit

extension StructureDetail {
    /// The structure's replaced values (`observation_history`), formatted by their indicator's type.
    static func replaced(_ structure: UUID, on db: any SQLDatabase) async throws -> [Replaced] {
        struct H: Decodable {
            var indicator_code, period, provenance, replaced_by: String
            var value: Double?
            var not_provided: Bool
            var replaced_at: Date
        }
        let rows = try await db.raw(
            """
            SELECT indicator_code, period, value, not_provided, provenance, replaced_at, replaced_by FROM observation_history
            WHERE subject = \(bind: "S:" + structure.uuidString.lowercased()) ORDER BY replaced_at DESC LIMIT 50
            """
        ).all(decoding: H.self)
        var definitions: [String: IndicatorDefinition] = [:]
        for code in Set(rows.map(\.indicator_code)) {
            definitions[code] = try await IndicatorQuery.find(code, on: db)?.definition
        }
        let authors = rows.flatMap { [$0.provenance, $0.replaced_by] }.filter { $0.hasPrefix("saisie:") }
            .map { String($0.dropFirst(7)).components(separatedBy: " (")[0] }
        let names = try await AuditQuery.accountNames(Set(authors), on: db)
        return rows.map { h in
            let value =
                h.not_provided
                ? "donnée non fournie"
                : definitions[h.indicator_code].map { IndicatorFormat.value(h.value, $0) } ?? h.value.map {
                    Format.decimal($0, fractionDigits: 2)
                } ?? "—"
            return Replaced(
                indicator: h.indicator_code, period: Period(h.period)?.label ?? h.period, value: value,
                provenance: ProgressQuery.provenanceLabel(h.provenance, names: names),
                replacedBy: ProgressQuery.provenanceLabel(h.replaced_by, names: names),
                replacedAt: Format.date(h.replaced_at))
        }
    }
}
