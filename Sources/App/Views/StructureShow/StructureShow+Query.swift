import Foundation
import JalonCore
import SQLKit

extension StructureShow {
    static func query(_ structure: Structure, on db: any SQLDatabase) async throws -> Model {
        let territories =
            try await structure.communeCode.asyncMap {
                try await StructureQuery.territories(ofCommune: $0, on: db)
            } ?? []
        let services = try await ObservationService.servicesInUse(structure: structure.id, on: db).map {
            (code: $0.indicatorCode, label: $0.label, period: Period($0.period)?.label ?? $0.period)
        }
        return Model(
            structure: structure, territories: territories,
            activities: try await ActivityQuery.timeline(structure: structure.id, on: db), services: services,
            contacts: try await DirectoryQuery.contacts(structure: structure.id, on: db),
            applications: try await ProgrammeQuery.applications(structure: structure.id, on: db),
            replaced: try await replaced(structure.id, on: db))
    }

    /// The structure's replaced values (`observation_history`), formatted by their indicator's type.
    static func replaced(_ structure: UUID, on db: any SQLDatabase) async throws -> [Replaced] {
        struct ReplacedRow: Decodable {
            var indicatorCode, period, provenance, replacedBy: String
            var value: Double?
            var notProvided: Bool
            var replacedAt: Date
        }
        let rows = try await db.raw(
            """
            SELECT indicator_code, period, value, not_provided, provenance, replaced_at, replaced_by
            FROM observation_history
            WHERE subject = \(bind: "S:" + structure.uuidString.lowercased()) ORDER BY replaced_at DESC LIMIT 50
            """
        ).all(decoding: ReplacedRow.self, with: .snakeCase)
        var definitions: [String: IndicatorDefinition] = [:]
        for code in Set(rows.map(\.indicatorCode)) {
            definitions[code] = try await IndicatorQuery.find(code, on: db)?.definition
        }
        let authors = rows.flatMap { [$0.provenance, $0.replacedBy] }.filter { $0.hasPrefix("saisie:") }
            .map { String($0.dropFirst(7)).components(separatedBy: " (")[0] }
        let names = try await AuditQuery.accountNames(Set(authors), on: db)
        return rows.map { row in
            let value =
                row.notProvided
                ? "donnée non fournie"
                : definitions[row.indicatorCode].map { IndicatorFormat.value(row.value, $0) } ?? row.value.map {
                    Format.decimal($0, fractionDigits: 2)
                } ?? "—"
            return Replaced(
                indicator: row.indicatorCode, period: Period(row.period)?.label ?? row.period, value: value,
                provenance: ProgressQuery.provenanceLabel(row.provenance, names: names),
                replacedBy: ProgressQuery.provenanceLabel(row.replacedBy, names: names),
                replacedAt: Format.date(row.replacedAt))
        }
    }
}
