/// The kinds of territory Jalon knows. Official kinds come from the INSEE COG; `custom` are drawn by
/// the region (animation territories, GHT areas, CPTS, CPAM circonscriptions…).
public enum TerritoryKind: String, Sendable, Codable, CaseIterable {
    case country, region, departement, commune, epci, custom

    /// French label shown in pages.
    public var label: String {
        switch self {
        case .country: "Pays"
        case .region: "Région"
        case .departement: "Département"
        case .commune: "Commune"
        case .epci: "EPCI"
        case .custom: "Territoire personnalisé"
        }
    }
}
