/// A legal entity's status as the seeds group it: public, private for profit, private not for profit (EBNL),
/// from the FINESS "statut juridique" code (01–29 public bodies, 40–69 non-profit bodies, 70–99 companies and
/// persons).
public enum LegalStatusGroup: String, CaseIterable, Sendable, Codable {
    case publicSector = "public"
    case forProfit = "prive-lucratif"
    case nonProfit = "ebnl"
    case unknown = "inconnu"

    public var label: String {
        switch self {
        case .publicSector: "Public"
        case .forProfit: "Privé à but lucratif"
        case .nonProfit: "Privé à but non lucratif (EBNL)"
        case .unknown: "Non renseigné"
        }
    }

    /// The group of a FINESS code such as `13` or `13 — Etb.Pub.Com.Hosp.`; unknown when unreadable.
    public init(finessCode code: String) {
        let digits = code.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber }
        switch Int(digits) {
        case .some(1...29): self = .publicSector
        case .some(40...69): self = .nonProfit
        case .some(70...99): self = .forProfit
        default: self = .unknown
        }
    }
}
