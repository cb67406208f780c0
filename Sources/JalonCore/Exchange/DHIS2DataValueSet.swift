import Foundation

/// The CSV form of a DHIS2 data value set, the file DHIS2 imports and exports for aggregate data.
public enum DHIS2DataValueSet {
    /// One value for a data element, period and organisation unit (DHIS2 identifiers or codes, as given).
    public struct DataValue: Sendable, Equatable {
        public var dataElement: String
        /// DHIS2 notation (`202112`, `2021Q4`…); `Period(dhis2:)` reads it.
        public var period: String
        public var orgUnit: String
        public var categoryOptionCombo: String
        public var attributeOptionCombo: String
        public var value: String
        public var storedBy: String
        public var lastUpdated: String
        public var comment: String
        public var followup: Bool
        /// The line of the file it was read from (0 when built in code), for error messages.
        public var line: Int

        public init(
            dataElement: String, period: String, orgUnit: String, categoryOptionCombo: String = "",
            attributeOptionCombo: String = "",
            value: String, storedBy: String = "", lastUpdated: String = "", comment: String = "",
            followup: Bool = false, line: Int = 0
        ) {
            self.dataElement = dataElement
            self.period = period
            self.orgUnit = orgUnit
            self.categoryOptionCombo = categoryOptionCombo
            self.attributeOptionCombo = attributeOptionCombo
            self.value = value
            self.storedBy = storedBy
            self.lastUpdated = lastUpdated
            self.comment = comment
            self.followup = followup
            self.line = line
        }
    }

    /// A file that cannot be read, in French, naming the line.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "ligne \(line) : \(message)" }
    }

    /// The standard column order; DHIS2 reads columns by position, so it is also the order written.
    public static let columns = [
        "dataelement", "period", "orgunit", "categoryoptioncombo", "attributeoptioncombo",
        "value", "storedby", "lastupdated", "comment", "followup"
    ]

    /// Older DHIS2 versions name the combo columns `catoptcombo` and `attroptcombo`.
    private static let aliases = ["catoptcombo": "categoryoptioncombo", "attroptcombo": "attributeoptioncombo"]

    /// Reads records (from `CSVReader(separator: ",")` or an `.xlsx`); the header row is optional, as in DHIS2.
    public static func parse(_ records: [CSVRecord]) throws -> [DataValue] {
        guard let first = records.first else { return [] }
        let names = first.fields.map { name in
            let folded = name.matchKey
            return aliases[folded] ?? folded
        }
        let hasHeader = names.contains("dataelement")
        var index: [String: Int] = [:]
        for (i, name) in (hasHeader ? names : columns).enumerated() where columns.contains(name) && index[name] == nil {
            index[name] = i
        }
        for required in ["period", "orgunit", "value"] where index[required] == nil {
            throw Failure(line: first.line, message: "colonne « \(required) » absente de l'en-tête du fichier DHIS2")
        }
        return try records.dropFirst(hasHeader ? 1 : 0).compactMap { record in
            let field = { (name: String) in
                index[name].map { record[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { return nil }
            for (name, label) in [
                ("dataelement", "élément de donnée (dataelement)"), ("period", "période (period)"),
                ("orgunit", "unité d'organisation (orgunit)")
            ]
            where field(name).isEmpty {
                throw Failure(line: record.line, message: "\(label) vide")
            }
            let followup = field("followup").lowercased()
            guard ["", "true", "false"].contains(followup) else {
                throw Failure(line: record.line, message: "followup « \(field("followup")) » : true ou false attendu")
            }
            return DataValue(
                dataElement: field("dataelement"), period: field("period"), orgUnit: field("orgunit"),
                categoryOptionCombo: field("categoryoptioncombo"), attributeOptionCombo: field("attributeoptioncombo"),
                value: field("value"), storedBy: SpreadsheetFormula.restored(field("storedby")),
                lastUpdated: field("lastupdated"),
                comment: SpreadsheetFormula.restored(field("comment")), followup: followup == "true",
                line: record.line)
        }
    }

    /// The CSV text DHIS2 imports: a header line, then one line per value, comma-separated, LF line ends.
    public static func csv(_ values: [DataValue]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for dataValue in values {
            // The free texts are neutralised for spreadsheets (`parse` restores them); codes and values never start so.
            let fields = [
                dataValue.dataElement, dataValue.period, dataValue.orgUnit, dataValue.categoryOptionCombo,
                dataValue.attributeOptionCombo, dataValue.value, SpreadsheetFormula.neutralised(dataValue.storedBy),
                dataValue.lastUpdated, SpreadsheetFormula.neutralised(dataValue.comment),
                dataValue.followup ? "true" : "false"
            ]
            out += fields.map(quoted).joined(separator: ",") + "\n"
        }
        return out
    }

    private static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Period {
    /// DHIS2 notation: `20211231`, `202112`, `2021Q4`, `2021S2`, `2021`.
    public var dhis2: String {
        switch self {
        case .day(let day): String(format: "%04d%02d%02d", day.year, day.month, day.day)
        case .month(let year, let month): String(format: "%04d%02d", year, month)
        case .quarter(let year, let quarter): "\(year)Q\(quarter)"
        case .semester(let year, let semester): "\(year)S\(semester)"
        case .year(let year): String(year)
        }
    }

    /// Reads the DHIS2 calendar periods Jalon has (day, month, quarter, semester, year); nil for the
    /// others (weeks, bi-months, financial years) and impossible dates.
    public init?(dhis2 raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let isDigit = { (character: Character) in character.isASCII && character.isNumber }
        guard text.count >= 4, text.prefix(4).allSatisfy(isDigit), let year = Int(text.prefix(4)) else { return nil }
        let rest = text.dropFirst(4)
        let digits = rest.allSatisfy(isDigit)
        switch rest.count {
        case 0: self = .year(year)
        case 2 where digits:
            guard let month = Int(rest), (1...12).contains(month) else { return nil }
            self = .month(year, month)
        case 4 where digits:
            guard let day = Day(iso: "\(text.prefix(4))-\(rest.prefix(2))-\(rest.suffix(2))") else { return nil }
            self = .day(day)
        case 2:
            guard let number = Int(rest.dropFirst()) else { return nil }
            switch rest.first {
            case "Q" where (1...4).contains(number): self = .quarter(year, number)
            case "S" where (1...2).contains(number): self = .semester(year, number)
            default: return nil
            }
        default: return nil
        }
    }
}
