import Foundation

/// One activity of a health professional in the public RPPS extraction `PS_LibreAcces_Personne_activite`
/// (a person has one line per activity and site). Codes are those of the national nomenclatures.
public struct RPPSRecord: Sendable, Equatable {
    /// « Identification nationale PP », the identifier prefixed by its type (`8` for RPPS).
    public var rpps: String
    public var lastName: String
    public var firstName: String
    /// `10` médecin, `21` pharmacien…
    public var professionCode: String
    public var professionLabel: String
    /// Savoir-faire (specialty), e.g. `SM54` / `Médecine Générale`.
    public var skillCode: String
    public var skillLabel: String
    /// Mode d'exercice: `L` libéral, `S` salarié, `B` bénévole.
    public var practiceModeCode: String
    public var practiceModeLabel: String
    public var siret: String
    public var finessSite: String
    public var finessLegalEntity: String
    /// « Identifiant technique de la structure ».
    public var structureId: String
    public var companyName: String
    public var recipientComplement: String
    public var placeComplement: String
    public var streetNumber: String
    /// « Indice répétition voie »: `B` (bis), `T` (ter)…
    public var repetitionIndex: String
    /// The street type label (`Rue`), or its code when the label is empty.
    public var streetType: String
    public var streetName: String
    public var distribution: String
    public var cedexOffice: String
    public var postalCode: String
    /// INSEE code of the commune.
    public var communeCode: String
    public var communeLabel: String
    /// « Section tableau pharmaciens »: `A` titulaires d'officine, `D` adjoints d'officine et autres,
    /// `E` outre-mer, `G` biologistes, `H` établissements de santé…
    public var pharmacistSectionCode: String
    public var pharmacistSectionLabel: String
    public var activitySectorCode: String
    public var activitySectorLabel: String
    /// The physical line in the file (the header is line 1).
    public var line: Int

    public init(
        rpps: String, lastName: String = "", firstName: String = "", professionCode: String = "",
        professionLabel: String = "",
        skillCode: String = "", skillLabel: String = "", practiceModeCode: String = "", practiceModeLabel: String = "",
        siret: String = "",
        finessSite: String = "", finessLegalEntity: String = "", structureId: String = "", companyName: String = "",
        recipientComplement: String = "", placeComplement: String = "", streetNumber: String = "",
        repetitionIndex: String = "",
        streetType: String = "", streetName: String = "", distribution: String = "", cedexOffice: String = "",
        postalCode: String = "",
        communeCode: String = "", communeLabel: String = "", pharmacistSectionCode: String = "",
        pharmacistSectionLabel: String = "",
        activitySectorCode: String = "", activitySectorLabel: String = "", line: Int = 0
    ) {
        self.rpps = rpps
        self.lastName = lastName
        self.firstName = firstName
        self.professionCode = professionCode
        self.professionLabel = professionLabel
        self.skillCode = skillCode
        self.skillLabel = skillLabel
        self.practiceModeCode = practiceModeCode
        self.practiceModeLabel = practiceModeLabel
        self.siret = siret
        self.finessSite = finessSite
        self.finessLegalEntity = finessLegalEntity
        self.structureId = structureId
        self.companyName = companyName
        self.recipientComplement = recipientComplement
        self.placeComplement = placeComplement
        self.streetNumber = streetNumber
        self.repetitionIndex = repetitionIndex
        self.streetType = streetType
        self.streetName = streetName
        self.distribution = distribution
        self.cedexOffice = cedexOffice
        self.postalCode = postalCode
        self.communeCode = communeCode
        self.communeLabel = communeLabel
        self.pharmacistSectionCode = pharmacistSectionCode
        self.pharmacistSectionLabel = pharmacistSectionLabel
        self.activitySectorCode = activitySectorCode
        self.activitySectorLabel = activitySectorLabel
        self.line = line
    }

    /// `12 B Rue de la Paix`: number, repetition index, street type and name, blanks left out.
    public var streetLine: String {
        [streetNumber, repetitionIndex, streetType, streetName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The couloir the activity counts in: liberal general practitioners (`MDV`), liberal radiologists
    /// (`RADIO`), pharmacists in community pharmacies (`PHARMA`); nil for every other activity.
    public var couloir: Couloir? {
        switch professionCode {
        case "10":
            guard practiceModeCode == "L" else { return nil }
            let skill = skillLabel.folding(
                options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            // Labels vary across nomenclature versions (Radio-diagnostic, Radiodiagnostic et imagerie médicale,
            // Radiologie…); radiotherapy also starts with "radio" but is not imaging.
            if skill.contains("radio") && !skill.contains("therap") { return .radio }
            // « Médecine Générale », « Qualifié en Médecine Générale », « Spécialiste en Médecine Générale ».
            if skill.contains("medecine generale") || skillCode == "SM54" { return .mdv }
            return nil
        case "21":
            switch pharmacistSectionCode {
            case "A", "D": return .pharma
            // Industry, wholesale, biology and hospital pharmacists: a FINESS site there is not an officine.
            case "B", "C", "G", "H": return nil
            // Overseas (section E) or no section: working at a FINESS site is what marks an officine.
            default: return finessSite.isEmpty ? nil : .pharma
            }
        default:
            return nil
        }
    }
}
