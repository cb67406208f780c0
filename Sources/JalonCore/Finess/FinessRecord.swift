import Foundation

/// One geographic establishment (FINESS ET) as read from either public format, normalised.
public struct FinessRecord: Sendable, Equatable {
    public var finessET: String
    public var finessEJ: String
    public var name: String
    public var longName: String
    public var complement: String
    public var address: String
    public var postalCode: String
    public var city: String
    /// INSEE code of the commune as given (may be a municipal arrondissement, e.g. `75114`).
    public var communeCode: String
    public var phone: String
    public var categoryCode: String
    public var categoryLabel: String
    public var aggregateCode: String
    public var aggregateLabel: String
    public var siret: String
    public var openedOn: String?
    public var authorisedOn: String?
    public var closedOn: String?
    public var updatedOn: String?
    public var position: GeoPoint?
    /// The physical line of the record in the file (etalab CSV) — or its rank in the JSON flux.
    public var line: Int

    public init(
        finessET: String, finessEJ: String = "", name: String, longName: String = "", complement: String = "",
        address: String = "", postalCode: String = "", city: String = "", communeCode: String = "", phone: String = "",
        categoryCode: String = "", categoryLabel: String = "", aggregateCode: String = "", aggregateLabel: String = "",
        siret: String = "", openedOn: String? = nil, authorisedOn: String? = nil, closedOn: String? = nil,
        updatedOn: String? = nil, position: GeoPoint? = nil, line: Int = 0
    ) {
        self.finessET = finessET
        self.finessEJ = finessEJ
        self.name = name
        self.longName = longName
        self.complement = complement
        self.address = address
        self.postalCode = postalCode
        self.city = city
        self.communeCode = communeCode
        self.phone = phone
        self.categoryCode = categoryCode
        self.categoryLabel = categoryLabel
        self.aggregateCode = aggregateCode
        self.aggregateLabel = aggregateLabel
        self.siret = siret
        self.openedOn = openedOn
        self.authorisedOn = authorisedOn
        self.closedOn = closedOn
        self.updatedOn = updatedOn
        self.position = position
        self.line = line
    }
}

/// A legal entity (FINESS EJ). The etalab extract only gives its number; the JSON flux gives the rest.
public struct FinessLegalEntity: Sendable, Equatable {
    public var finessEJ: String
    public var name: String
    public var siren: String
    public var legalStatus: String
    public var closedOn: String?

    public init(
        finessEJ: String, name: String = "", siren: String = "", legalStatus: String = "", closedOn: String? = nil
    ) {
        self.finessEJ = finessEJ
        self.name = name
        self.siren = siren
        self.legalStatus = legalStatus
        self.closedOn = closedOn
    }
}

/// A line that was read but cannot be kept, with its reason in French.
public struct FinessRejection: Error, Sendable, Equatable {
    public var line: Int
    public var field: String
    public var reason: String

    public init(line: Int, field: String, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }
}

/// What a FINESS file holds once parsed: establishments, legal entities, rejected lines.
public struct FinessFile: Sendable {
    public enum Format: String, Sendable {
        case etalabCSV = "extraction etalab (CSV)"
        case jsonFlux = "flux finess-structures (JSON)"
    }

    public var format: Format
    public var records: [FinessRecord] = []
    public var legalEntities: [FinessLegalEntity] = []
    public var rejections: [FinessRejection] = []
    /// Lines (or JSON entities) read, whether kept or rejected.
    public var read = 0

    public init(format: Format) { self.format = format }
}

/// A file that cannot be imported at all; nothing is written. The message is French and names the line.
public struct FinessFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "ligne \($0) : \(message)" } ?? message }
}

extension FinessRecord {
    static func isFinessNumber(_ code: String) -> Bool {
        code.count == 9 && code.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("A"..."Z").contains($0) }
    }

    /// FINESS `AAAA-MM-JJ` dates; empty → nil. Anything else is a rejection reason.
    static func isoDate(_ raw: String) -> String?? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .some(nil) }
        let parts = trimmed.prefix(10).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]),
            (1800...2200).contains(year), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return .some(String(trimmed.prefix(10)))
    }
}
