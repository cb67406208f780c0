import Foundation
import JalonCore
import SQLKit

/// Observations in and out of DHIS2-based systems: data value sets (CSV) and ADX messages, through
/// the code mapping. Imports become canonical observation lines and take the usual preview → batch
/// → undo path; exports carry every value of a filter.
enum AggregateExchange {
    enum Format: String, Codable, Sendable, CaseIterable { case dhis2, adx }

    /// DHIS2's default category option combo: no disaggregation, the indicator's own couloir.
    static let defaultCombos: Set<String> = ["", "default", "HllvX50cXC0"]

    /// Read and map: the file's values as observation lines, their codes translated through the mapping.
    static func lines(_ file: ImportFile, format: Format, on db: any SQLDatabase) async throws
        -> [ImportLine<ObservationService.Input>]
    {
        let codes = try await ExchangeCodes.load(on: db)
        switch format {
        case .dhis2:
            let values: [DHIS2DataValueSet.DataValue]
            do {
                values = try DHIS2DataValueSet.parse(try UploadedCSV.table(file.data, fileName: file.name))
            } catch let failure as DHIS2DataValueSet.Failure {
                throw ServiceError.invalid("\(file.name), \(failure.description)")
            }
            return values.map { value in
                ImportLine(
                    number: value.line,
                    input: ObservationService.Input(
                        indicator: codes.jalon(.indicateur, value.dataElement),
                        territory: codes.jalon(.territoire, value.orgUnit), structure: nil,
                        couloir: defaultCombos.contains(value.categoryOptionCombo)
                            ? nil : codes.jalon(.couloir, value.categoryOptionCombo),
                        // An unreadable DHIS2 period is passed on as written, for the usual "Période illisible".
                        period: Period(dhis2: value.period)?.description ?? value.period, value: value.value,
                        numerator: nil, denominator: nil,
                        source: value.storedBy.isEmpty ? "DHIS2" : "DHIS2 (\(value.storedBy))",
                        comment: value.comment.isEmpty ? nil : value.comment))
            }
        case .adx:
            let message: ADX
            do { message = try ADX(xml: file.data) } catch let failure as ADX.Failure {
                throw ServiceError.invalid("\(file.name), \(failure.description)")
            }
            return message.groups.flatMap { group in
                group.values.map { value in
                    let couloir = value.attributes["couloir"] ?? group.attributes["couloir"]
                    return ImportLine(
                        number: value.line,
                        input: ObservationService.Input(
                            indicator: codes.jalon(.indicateur, value.dataElement),
                            territory: codes.jalon(.territoire, group.orgUnit), structure: nil,
                            couloir: couloir.map { codes.jalon(.couloir, $0) }, period: group.period.description,
                            value: value.value, numerator: nil, denominator: nil, source: "ADX",
                            comment: value.annotation))
                }
            }
        }
    }

    /// The values of a filter (territory values only: structures have no organisation unit).
    struct Value: Decodable {
        var indicatorCode, couloir, period, comment: String
        var territoryCode: String
        var value, numerator, denominator: Double?
        var recordedAt: Date
        var defaultCouloir: String

        var effective: Double? {
            value ?? numerator.flatMap { numerator in denominator.flatMap { $0 == 0 ? nil : numerator / $0 } }
        }
    }

    static func values(_ filter: ObservationExport.Filter, on db: any SQLDatabase) async throws -> [Value] {
        var query: SQLQueryString = """
            SELECT o.indicator_code, o.couloir, o.period, o.comment, o.territory_code, o.value, o.numerator,
                   o.denominator, o.recorded_at, i.couloir AS default_couloir
            FROM observations o JOIN indicators i ON i.code = o.indicator_code
            WHERE o.territory_code IS NOT NULL AND o.not_provided = \(bind: false)
            """
        if let indicator = filter.indicator { query += " AND o.indicator_code = \(bind: indicator)" }
        if let territory = filter.territory {
            query += """
                 AND o.territory_code IN (\(TerritoryQuery.overlapping(territory)))
                """
        }
        if let couloir = filter.couloir {
            query += " AND o.couloir IN (\(binds: couloir.members.map(\.rawValue) + [couloir.rawValue]))"
        }
        query += " ORDER BY o.indicator_code, o.territory_code, o.period_end"
        return try await db.raw(query).all(decoding: Value.self, with: .snakeCase)
    }

    /// A number DHIS2 and ADX read: a dot, every digit that matters.
    static func number(_ value: Double) -> String {
        ExportTable.number(value).replacingOccurrences(of: ",", with: ".")
    }

    static func dhis2(_ filter: ObservationExport.Filter, on db: any SQLDatabase) async throws -> String {
        let codes = try await ExchangeCodes.load(on: db)
        let iso = ISO8601DateFormatter()
        return DHIS2DataValueSet.csv(
            try await values(filter, on: db).compactMap { stored in
                guard let value = stored.effective, let period = Period(stored.period) else { return nil }
                return .init(
                    dataElement: codes.external(.indicateur, stored.indicatorCode), period: period.dhis2,
                    orgUnit: codes.external(.territoire, stored.territoryCode),
                    categoryOptionCombo: stored.couloir == stored.defaultCouloir
                        ? "" : codes.external(.couloir, stored.couloir),
                    value: number(value),
                    storedBy: "jalon", lastUpdated: iso.string(from: stored.recordedAt), comment: stored.comment)
            })
    }

    static func adx(_ filter: ObservationExport.Filter, on db: any SQLDatabase) async throws -> String {
        /// An ADX group: the values of one organisation unit for one period.
        struct GroupKey: Hashable {
            var orgUnit: String
            var period: Period
        }
        let codes = try await ExchangeCodes.load(on: db)
        var groups: [ADX.Group] = []
        var index: [GroupKey: Int] = [:]
        for stored in try await values(filter, on: db) {
            guard let value = stored.effective, let period = Period(stored.period) else { continue }
            let key = GroupKey(orgUnit: codes.external(.territoire, stored.territoryCode), period: period)
            if index[key] == nil {
                index[key] = groups.count
                groups.append(.init(orgUnit: key.orgUnit, period: period, dataSet: "JALON"))
            }
            groups[index[key]!].values.append(
                .init(
                    dataElement: codes.external(.indicateur, stored.indicatorCode), value: number(value),
                    annotation: stored.comment.isEmpty ? nil : stored.comment,
                    attributes: stored.couloir == stored.defaultCouloir
                        ? [:] : ["couloir": codes.external(.couloir, stored.couloir)])
            )
        }
        return ADX(exported: ISO8601DateFormatter().string(from: Date()), groups: groups).xml
    }
}
