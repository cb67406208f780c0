import Foundation
import JalonCore
import SQLKit

/// The demonstration region: real Hauts-de-France geography, the seven TAN approximated by EPCI,
/// and a synthetic, plausible population of structures — every one flagged as demonstration data,
/// with fictitious names built on real commune names. Deterministic, so loading twice changes nothing.
enum DemoRegion {
    static let region = "R32"
    static let decoupage = "TAN"

    static let tans: [(code: String, name: String)] = [
        ("TAN-AISNE", "Aisne – Haute-Somme"), ("TAN-ARTOIS", "Artois – Ternois – Douaisis"),
        ("TAN-HAINAUT", "Hainaut – Cambrésis"),
        ("TAN-LITTORAL", "Littoral"), ("TAN-METROPOLE", "Métropole – Flandres"), ("TAN-OISE", "Oise"),
        ("TAN-SOMME", "Somme – Littoral Sud – Montreuillois")
    ]

    struct Summary: Sendable {
        var territories: Int
        var structures: FinessImporter.Summary
        var roadmaps: [RoadmapTemplate.Summary]
        var observations: DemoIndicators.Summary
        var activities: DemoActivities.Summary
        var closingPhotoValidated: Bool
        var committees: DemoCommittees.Summary
        var programmes: DemoProgrammes.Summary
    }

    /// The TAN membership shipped with the product (`Resources/demo/tan_hauts_de_france.csv`:
    /// epci;tan;nom_epci).
    static func tanMembers() throws -> [String: [String]] {
        guard
            let url = Bundle.module.url(
                forResource: "tan_hauts_de_france", withExtension: "csv", subdirectory: "Resources/demo")
        else {
            throw ServiceError.invalid("Fichier de démonstration tan_hauts_de_france.csv absent du paquet.")
        }
        let records = try CSVReader(separator: ";").records(TextDecoding.decode(try Data(contentsOf: url)).text)
        var members: [String: [String]] = [:]
        for record in records.dropFirst() where !record[0].isEmpty {
            members[record[1], default: []].append("E" + record[0])
        }
        return members
    }

    /// `today`: the demo's values and activities run up to the month before it.
    static func load(on db: any SQLDatabase, actor: Actor, today: Day = .today()) async throws -> Summary {
        guard try await TerritoryQuery.find(region, on: db) != nil else {
            throw ServiceError.invalid(
                "La géographie officielle n'est pas chargée : lancez d'abord « jalon import cog ».")
        }
        let members = try tanMembers()
        _ = try await DecoupageService.findOrCreate(decoupage, region: region, on: db, actor: actor)
        for tan in tans {
            _ = try await TerritoryService.define(
                .init(
                    code: tan.code, name: "TAN \(tan.name)", decoupage: decoupage, parent: region,
                    members: members[tan.code] ?? []), on: db, actor: actor)
        }
        var file = FinessFile(format: .etalabCSV)
        file.records = try await structures(on: db)
        file.read = file.records.count
        file.legalEntities = file.records.map { record in
            FinessLegalEntity(
                finessEJ: record.finessEJ, name: record.name, legalStatus: legalStatus(record))
        }
        let summary = try await FinessImporter.apply(
            file, fileName: "démonstration Hauts-de-France", source: "demo", isDemo: true, on: db, actor: actor)
        let roadmaps = try await DemoRoadmaps.load(region: region, on: db, actor: actor)
        _ = try await DemoDirectory.load(on: db, actor: actor)
        let activities = try await DemoActivities.load(on: db, actor: actor, today: today)
        let observations = try await DemoIndicators.load(on: db, today: today)
        let programmes = try await DemoProgrammes.load(on: db, actor: actor)
        let photo = try await DemoRoadmaps.validateClosingPhoto(region: region, on: db, actor: actor)
        let committees = try await DemoCommittees.load(on: db, actor: actor, today: today)
        return Summary(
            territories: tans.count, structures: summary, roadmaps: roadmaps, observations: observations,
            activities: activities, closingPhotoValidated: photo, committees: committees, programmes: programmes)
    }

    /// A plausible FINESS legal status for a demo entity (public hospitals, commercial clinics, associations…),
    /// so that the programmes' per-legal-status tables have something to group: `13` public, `61` association
    /// (EBNL), `73` company (privé à but lucratif).
    static func legalStatus(_ record: FinessRecord) -> String {
        let serial = Int(record.finessEJ.suffix(6)) ?? 0
        return switch record.categoryCode {
        case "355": "13"
        case "365": serial % 5 == 0 ? "61" : "73"
        case "109": serial % 3 == 0 ? "13" : serial % 3 == 1 ? "61" : "73"
        case "127": serial % 2 == 0 ? "61" : "13"
        case "500", "202": serial % 3 == 0 ? "13" : serial % 3 == 1 ? "61" : "73"
        case "620", "611": "73"
        default: "61"
        }
    }

    /// How many structures of each kind, for the whole region (orders of magnitude of the real one).
    static let plan: [(count: Int, weightExponent: Double, kinds: [(category: String, label: String, name: String)])] =
        [
            (
                290, 1.3,
                [
                    ("355", "Centre Hospitalier (C.H.)", "Centre hospitalier de %@"),
                    ("365", "Etablissement de Soins Pluridisciplinaire", "Clinique %N de %@"),
                    ("109", "Etablissement de santé privé autorisé en SSR", "Centre de soins de suite %N – %@"),
                    ("127", "Hospitalisation à Domicile", "HAD du secteur de %@")
                ]
            ),
            (
                1500, 1.0,
                [
                    ("500", "Etablissement d'hébergement pour personnes âgées dépendantes", "EHPAD %N – %@"),
                    ("500", "Etablissement d'hébergement pour personnes âgées dépendantes", "EHPAD Résidence %N – %@"),
                    ("202", "Résidences autonomie", "Résidence autonomie %N – %@"),
                    ("354", "Service de Soins Infirmiers A Domicile (S.S.I.A.D)", "SSIAD de %@")
                ]
            ),
            (
                1600, 1.0,
                [
                    ("183", "Institut Médico-Educatif (I.M.E.)", "IME %N – %@"),
                    ("246", "Etablissement et Service d'Aide par le Travail (E.S.A.T.)", "ESAT %N – %@"),
                    ("255", "Maison d'Accueil Spécialisée (M.A.S.)", "MAS %N – %@"),
                    ("437", "Foyer d'Accueil Médicalisé pour Adultes Handicapés (F.A.M.)", "FAM %N – %@"),
                    ("182", "Service d'Éducation Spéciale et de Soins à Domicile", "SESSAD de %@")
                ]
            ),
            (
                700, 1.0,
                [
                    ("214", "Centre Hébergement & Réinsertion Sociale (C.H.R.S.)", "CHRS %N – %@"),
                    (
                        "197", "Centre de Soins, d'Accompagnement et de Prévention en Addictologie (C.S.A.P.A.)",
                        "CSAPA de %@"
                    ),
                    (
                        "460", "Service d'Aide et d'Accompagnement à Domicile (S.A.A.D)",
                        "Service d'aide à domicile de %@"
                    )
                ]
            ),
            (40, 1.4, [("611", "Laboratoire de Biologie Médicale", "Laboratoire de biologie médicale %N – %@")]),
            (1900, 1.0, [("620", "Pharmacie d'Officine", "Pharmacie %N – %@")])
        ]

    static let nicknames = [
        "des Tilleuls", "du Beffroi", "des Bleuets", "de la Roseraie", "des Hortensias", "du Val", "des Coquelicots",
        "du Parc",
        "de la Gare", "du Centre", "des Marronniers", "de l'Abbaye", "du Moulin", "des Dunes", "de la Vallée",
        "des Sources",
        "du Canal", "des Peupliers", "du Marais", "de la Citadelle", "des Prés", "du Bocage", "des Aulnes",
        "de l'Escaut"
    ]

    static let streets = [
        "rue de la République", "avenue Jean Jaurès", "place du Marché", "rue Victor Hugo", "boulevard Pasteur"
    ]

    static func structures(on db: any SQLDatabase) async throws -> [FinessRecord] {
        struct CommuneRow: Decodable {
            var insee: String
            var name: String
            var population: Int?
        }
        let communes = try await db.raw(
            """
            SELECT t.insee, t.name, t.population
            FROM territory_communes tc JOIN territories t ON t.code = 'C' || tc.commune_code
            WHERE tc.territory_code = \(bind: region) ORDER BY t.insee
            """
        ).all(decoding: CommuneRow.self)
        guard !communes.isEmpty else { return [] }
        var rng = SplitMix64(seed: 20_211_231)
        var records: [FinessRecord] = []
        var serial: [String: Int] = [:]
        for block in plan {
            let weights = communes.map { pow(Double(max($0.population ?? 0, 1)), block.weightExponent) }
            var cumulative: [Double] = []
            var sum = 0.0
            for weight in weights {
                sum += weight
                cumulative.append(sum)
            }
            for i in 0..<block.count {
                let drawn = rng.nextDouble() * sum
                var lo = 0
                var hi = cumulative.count - 1
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] < drawn { lo = mid + 1 } else { hi = mid }
                }
                let commune = communes[lo]
                let kind = block.kinds[i % block.kinds.count]
                let dept = TerritoryCode.departementOfCommune(commune.insee)
                serial[dept, default: 0] += 1
                let number = String(format: "%06d", serial[dept]!)
                let nickname = nicknames[Int(rng.next() % UInt64(nicknames.count))]
                let name = kind.name.replacingOccurrences(of: "%N", with: nickname).replacingOccurrences(
                    of: "%@", with: commune.name)
                let year = 1960 + Int(rng.next() % 62)
                let closed =
                    rng.nextDouble() < 0.03
                    ? String(format: "%04d-%02d-15", 2015 + Int(rng.next() % 10), 1 + Int(rng.next() % 12)) : nil
                // Drawn in this order (number, then street) so the demo stays the same from run to run.
                let streetNumber = 1 + Int(rng.next() % 120)
                let street = streets[Int(rng.next() % UInt64(streets.count))]
                records.append(
                    FinessRecord(
                        finessET: "\(dept)D\(number)", finessEJ: "\(dept)J\(number)", name: name.uppercased(),
                        longName: name,
                        address: "\(streetNumber) \(street)",
                        city: commune.name.uppercased(), communeCode: commune.insee, categoryCode: kind.category,
                        categoryLabel: kind.label,
                        openedOn: String(format: "%04d-%02d-01", year, 1 + Int(rng.next() % 12)), closedOn: closed,
                        line: records.count + 1))
            }
        }
        return records
    }
}

/// A small deterministic generator: the demo must be identical on every machine and every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
