import Foundation

/// A structure as pages, exports and the API show it.
struct Structure: Sendable, Equatable, Codable {
    var id: UUID
    var finessET: String?
    var finessEJ: String
    var legalEntityName: String?
    var siret: String
    var rpps: String?
    var source: String
    var name: String
    var longName: String
    var complement: String
    var address: String
    var postalCode: String
    var city: String
    var communeCode: String?
    var communeName: String?
    var communeRaw: String
    var phone: String
    var categoryCode: String
    var categoryLabel: String
    var couloir: String
    var openedOn: String?
    var authorisedOn: String?
    var closedOn: String?
    var sourceUpdatedOn: String?
    var latitude: Double?
    var longitude: Double?
    var isDemo: Bool

    var isOpen: Bool { closedOn == nil }
    /// The identifier used in URLs: the FINESS number when there is one.
    var key: String { finessET ?? id.uuidString.lowercased() }
}
