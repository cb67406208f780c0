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
        var indicator_code, couloir, period, comment: String
        var territory_code: String
        var value, numerator, denominator: Double?
        var recorded_at: Date
        var default_couloir: String

        var effective: Double? { value ?? numerator.flatMap { n in denominator.flatMap { $0 == 0 ? nil : n / $0 } } }
    }

    static func values(_ f: ObservationExport.Filter, on db: any SQLDatabase) async throws -> [Value] {
        var q: SQLQueryString = """
            SELECT o.indicator_code, o.couloir, o.period, o.comment, o.territory_code, o.value, o.numerator, o.denominator, o.recorded_at, i.couloir AS default_couloir
            FROM observations o JOIN indicators i ON i.code = o.indicator_code WHERE o.territory_code IS NOT NULL AND o.not_provided = \(bind: false)
            """
        if let i = f.indicator { q += " AND o.indicator_code = \(bind: i)" }
        if let t = f.territory {
            q +=
                " AND o.territory_code IN (SELECT b.territory_code FROM territory_communes a JOIN territory_communes b ON b.commune_code = a.commune_code WHERE a.territory_code = \(bind: t) GROUP BY b.territory_code)"
        }
        if let c = f.couloir { q += " AND o.couloir IN (\(binds: c.members.map(\.rawValue) + [c.rawValue]))" }
        q += " ORDER BY o.indicator_code, o.territory_code, o.period_end"
        return try await db.raw(q).all(decoding: Value.self)
    }

    /// A number DHIS2 and ADX read: a dot, every digit that matters.
    static func number(_ v: Double) -> String { ExportTable.number(v).replacingOccurrences(of: ",", with: ".") }

    static func dhis2(_ f: ObservationExport.Filter, on db: any SQLDatabase) async throws -> String {
        let codes = try await ExchangeCodes.load(on: db)
        let iso = ISO8601DateFormatter()
        return DHIS2DataValueSet.csv(
            try await values(f, on: db).compactMap { v in
                guard let x = v.effective, let p = Period(v.period) else { return nil }
                return .init(
                    dataElement: codes.external(.indicateur, v.indicator_code), period: p.dhis2,
                    orgUnit: codes.external(.territoire, v.territory_code),
                    categoryOptionCombo: v.couloir == v.default_couloir ? "" : codes.external(.couloir, v.couloir),
                    value: number(x),
                    storedBy: "jalon", lastUpdated: iso.string(from: v.recorded_at), comment: v.comment)
            })
    }

    static func adx(_ f: ObservationExport.Filter, on db: any SQLDatabase) async throws -> String {
        let codes = try await ExchangeCodes.load(on: db)
        var groups: [ADX.Group] = []
        var index: [String: Int] = [:]
        for v in try await values(f, on: db) {
            guard let x = v.effective, let p = Period(v.period) else { continue }
            let org = codes.external(.territoire, v.territory_code)
            let key = org + "|" + p.description
            if index[key] == nil {
                index[key] = groups.count
                groups.append(.init(orgUnit: org, period: p, dataSet: "JALON"))
            }
            groups[index[key]!].values.append(
                .init(
                    dataElement: codes.external(.indicateur, v.indicator_code), value: number(x),
                    annotation: v.comment.isEmpty ? nil : v.comment,
                    attributes: v.couloir == v.default_couloir ? [:] : ["couloir": codes.external(.couloir, v.couloir)])
            )
        }
        return ADX(exported: ISO8601DateFormatter().string(from: Date()), groups: groups).xml
    }
}
