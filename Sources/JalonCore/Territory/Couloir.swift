import Foundation

/// The Ségur "couloirs" (sectors) used by the national indicator tables.
public enum Couloir: String, Sendable, Codable, CaseIterable {
    case es = "ES"
    case ms = "MS"
    case msPA = "MS-PA"
    case msPH = "MS-PH"
    case msAutres = "MS-AUTRES"
    case bio = "BIO"
    case radio = "RADIO"
    case mdv = "MDV"
    case pharma = "PHARMA"
    case autres = "AUTRES"
    case tous = "TOUS"

    public var label: String {
        switch self {
        case .es: "Établissements de santé"
        case .ms: "Médico-social"
        case .msPA: "Médico-social — personnes âgées"
        case .msPH: "Médico-social — personnes handicapées"
        case .msAutres: "Médico-social — autres"
        case .bio: "Biologie médicale"
        case .radio: "Imagerie médicale"
        case .mdv: "Médecins de ville"
        case .pharma: "Officines"
        case .autres: "Autres"
        case .tous: "Tous"
        }
    }

    /// The couloirs a structure can belong to directly (`MS` and `TOUS` are groupings).
    public static let structural: [Couloir] = [.es, .msPA, .msPH, .msAutres, .bio, .radio, .mdv, .pharma, .autres]

    /// The structural couloirs a couloir stands for in counts and filters.
    public var members: [Couloir] {
        switch self {
        case .ms: [.msPA, .msPH, .msAutres]
        case .tous: Couloir.structural
        default: [self]
        }
    }

    /// Parses a code or one of the aliases found in national tables (`HOP`, `RAD`, `ESMS`, `Tous`).
    public init?(code raw: String) {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if let couloir = Couloir(rawValue: code) {
            self = couloir
            return
        }
        switch code {
        case "HOP": self = .es
        case "RAD": self = .radio
        case "ESMS", "MEDICO-SOCIAL", "MÉDICO-SOCIAL": self = .ms
        case "LBM": self = .bio
        case "OFFICINES", "PHARMACIES": self = .pharma
        default: return nil
        }
    }
}
