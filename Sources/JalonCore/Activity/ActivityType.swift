import Foundation

/// The kinds of field activity the animateurs, delegates and referents log.
public enum ActivityType: String, Sendable, Codable, CaseIterable {
    case webinaire
    case reunion = "reunion-information"
    case visite = "visite-sur-site"
    case stand, formation, atelier, comite
    case campagne = "campagne-mailing"
    case contact = "contact-individuel"
    case evenement

    public var label: String {
        switch self {
        case .webinaire: "Webinaire"
        case .reunion: "Réunion d'information"
        case .visite: "Visite sur site"
        case .stand: "Stand"
        case .formation: "Formation"
        case .atelier: "Atelier"
        case .comite: "Comité"
        case .campagne: "Campagne courrier / mailing"
        case .contact: "Contact individuel"
        case .evenement: "Événement"
        }
    }

    /// From a code or a label as people write it: `visite`, `Visite sur site`, `réunion d'information`, `mailing`…
    public init?(text raw: String) {
        let key = raw.matchKey
        guard !key.isEmpty else { return nil }
        if let type = Self.allCases.first(where: { $0.rawValue.matchKey == key || $0.label.matchKey == key }) {
            self = type
            return
        }
        let synonyms: [(String, ActivityType)] = [
            ("visite", .visite), ("reunion", .reunion), ("reuniondinformation", .reunion), ("webinar", .webinaire),
            ("mailing", .campagne),
            ("courrier", .campagne), ("campagne", .campagne), ("contact", .contact), ("rendezvous", .contact),
            ("evenement", .evenement),
            ("salon", .stand), ("comitologie", .comite)
        ]
        guard let hit = synonyms.first(where: { $0.0 == key }) else { return nil }
        self = hit.1
    }
}

/// The services (topics) an activity is about, as the seeds name them; free codes are kept upper-cased.
public enum ActivityTopic {
    public static let known: [(code: String, label: String)] = [
        ("DMP", "Dossier médical partagé"), ("MSS", "Messagerie sécurisée de santé"),
        ("INS", "Identité nationale de santé"),
        ("MES", "Mon espace santé"), ("PSC", "Pro Santé Connect / e-CPS"), ("APCV", "Application carte Vitale"),
        ("ORDO", "Ordonnance numérique"), ("SEGUR", "Équipement référencé Ségur"), ("CYBER", "Cybersécurité"),
        ("ROR", "Répertoire opérationnel des ressources"), ("TELESANTE", "Télésanté"), ("ESMS", "ESMS numérique")
    ]

    /// `Messagerie sécurisée` → `MSS`, `dmp` → `DMP`; anything else upper-cased without accents.
    public static func code(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let key = trimmed.matchKey
        if let entry = known.first(where: { $0.code.matchKey == key || $0.label.matchKey == key }) { return entry.code }
        let aliases: [String: String] = [
            "messageriesecurisee": "MSS", "mssante": "MSS", "identitovigilance": "INS", "insi": "INS",
            "monespacesante": "MES",
            "ecps": "PSC", "prosanteconnect": "PSC", "ordonnancenumerique": "ORDO", "cybersecurite": "CYBER",
            "sunes": "SEGUR"
        ]
        if let alias = aliases[key] { return alias }
        return key.uppercased()
    }
}
