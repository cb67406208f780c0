import Foundation
import Testing

@testable import JalonCore

struct ImportProfileTests {
    /// Shaped like the NA DMP annex (seed 002): a title line, one row per département, a total row.
    static let naDMP = """
        Alimentations DMP par département — décembre 2021
        Département;Nombre de DMP alimentés 2018-2020;Taux alimentation à fin déc 2021;Objectif 2021
        Charente;2 866;12,83%;9,85%
        Dordogne;4 355;7,80%;8,72%
        Total Nouvelle-Aquitaine;111 069;32,52%;23,63%
        """

    static let naProfile = ImportProfile(
        name: "na-dmp-annexe", description: "Annexe DMP de la feuille de route Nouvelle-Aquitaine", headerLine: 2,
        columns: ["territoire": "Département", "valeur": "Taux alimentation à fin déc 2021"],
        constants: ["indicateur": "DMP-ALIM", "periode": "2021-12", "source": "CNAM SI-Pilotage"],
        lookups: ["territoire": ["Charente": "D16", "Dordogne": "D24"]],
        filters: [.init(column: "Département", drop: ["Total Nouvelle-Aquitaine"])])

    @Test func mapsColumnsConstantsLookupsAndFilters() throws {
        let records = try CSVReader(separator: ";").records(Self.naDMP)
        let rows = try Self.naProfile.apply(records)
        #expect(
            rows == [
                .init(
                    line: 3,
                    fields: [
                        "indicateur": "DMP-ALIM", "periode": "2021-12", "source": "CNAM SI-Pilotage",
                        "territoire": "D16", "valeur": "12,83%"
                    ]),
                .init(
                    line: 4,
                    fields: [
                        "indicateur": "DMP-ALIM", "periode": "2021-12", "source": "CNAM SI-Pilotage",
                        "territoire": "D24", "valeur": "7,80%"
                    ])
            ])
    }

    /// Shaped like the HDF ApCV table: départements in rows, months as columns.
    @Test func unpivotsWideTables() throws {
        let csv = "Département;janv. 2023;févr. 2023\nNord;1 204;1 530\nSomme;310;402\n"
        let profile = ImportProfile(
            name: "hdf-apcv", columns: ["territoire": "Département"], constants: ["indicateur": "APCV-ACTIV"],
            lookups: ["territoire": ["nord": "D59", "SOMME": "D80"]],
            unpivot: .init(field: "periode", columns: ["janv. 2023", "févr. 2023"]))
        let rows = try profile.apply(try CSVReader(separator: ";").records(csv))
        #expect(rows.count == 4)
        #expect(
            rows[1].fields == [
                "indicateur": "APCV-ACTIV", "territoire": "D59", "periode": "févr. 2023", "valeur": "1 530"
            ])
        #expect(rows[2].fields["territoire"] == "D80")
        #expect(Period(rows[1].fields["periode"]!) == .month(2023, 2))
    }

    @Test func aFileThatIsNotTheProfilesIsRefusedWithItsLine() throws {
        let records = try CSVReader(separator: ";").records("Titre\nRégion;Taux\nNA;3 %\n")
        #expect(
            throws: ImportProfile.Failure(
                line: 2,
                message: "colonne « Département » absente : ce fichier ne correspond pas au profil « na-dmp-annexe »")
        ) {
            _ = try Self.naProfile.apply(records).count
        }
    }

    @Test func profilesRoundTripAsJSON() throws {
        let data = try JSONEncoder().encode(Self.naProfile)
        #expect(try JSONDecoder().decode(ImportProfile.self, from: data) == Self.naProfile)
    }
}

struct ImportProfileSettingsTests {
    static let insi = ImportProfile(
        name: "insi-test", headerLine: 1,
        columns: ["indicateur": "Secteur", "couloir": "Secteur", "valeur": "Nombre d'appels"],
        constants: ["territoire": "R32"],
        lookups: ["indicateur": ["Etablissements sanitaires": "O3-18"], "couloir": ["Etablissements sanitaires": "ES"]],
        parameters: ["periode": "mois couvert par le fichier (ex. 2022-02)"])

    @Test func aParameterMustBeAnsweredAndIsUsed() throws {
        let records = try CSVReader(separator: ";").records(
            "Secteur;Nombre d'appels\nEtablissements sanitaires;309104\n")
        #expect(
            throws: ImportProfile.Failure(
                line: 0,
                message:
                    "Le profil « insi-test » demande le paramètre « periode » : "
                    + "mois couvert par le fichier (ex. 2022-02)."
            )
        ) {
            _ = try Self.insi.apply(records)
        }
        let rows = try Self.insi.apply(records, settings: ["periode": "2022-02"])
        #expect(
            rows == [
                .init(
                    line: 2,
                    fields: [
                        "indicateur": "O3-18", "couloir": "ES", "valeur": "309104", "territoire": "R32",
                        "periode": "2022-02"
                    ])
            ])
    }

    @Test func settingsOverrideConstantsButNotUnknownFields() throws {
        let records = try CSVReader(separator: ";").records("Secteur;Nombre d'appels\nEtablissements sanitaires;1\n")
        let rows = try Self.insi.apply(records, settings: ["periode": "2022-03", "territoire": "D59", "pirate": "x"])
        #expect(rows.first?.fields["territoire"] == "D59")
        #expect(rows.first?.fields["pirate"] == nil)
    }

    @Test func problemsOfADefinitionAreListedInFrench() {
        #expect(Self.insi.problems.isEmpty)
        let bad = ImportProfile(name: "Mon Profil", headerLine: 0, columns: ["valeur": " ", "pays": "Pays"])
        #expect(
            bad.problems == [
                "Nom « Mon Profil » : minuscules sans accents, chiffres et tirets seulement (ex. insi-secteurs).",
                "La ligne d'en-tête est numérotée à partir de 1.",
                "Champ inconnu « pays » (champs : indicateur, territoire, structure, couloir, periode, valeur, "
                    + "numerateur, denominateur, source, commentaire).",
                "Champ « valeur » : nom de colonne vide.",
                "Le champ « indicateur » ne vient ni d'une colonne, ni d'une constante, ni d'un paramètre.",
                "Le champ « periode » ne vient ni d'une colonne, ni d'une constante, ni d'un paramètre.",
                "Le champ « territoire » (ou « structure ») ne vient de nulle part."
            ])
    }
}

struct ImportProfileLookupKeysTests {
    /// One line, two indicators: the sector and the unpivoted measure name each.
    static let insi = ImportProfile(
        name: "insi-test", headerLine: 1, columns: ["couloir": "Secteur"],
        constants: ["territoire": "R32", "periode": "2022-02"],
        lookups: [
            "indicateur": [
                "Etablissements sanitaires | Nombre d'appels": "O3-18",
                "Etablissements sanitaires | Nombre d'utilisateurs uniques": "INSI-UTILISATEURS"
            ],
            "couloir": ["Etablissements sanitaires": "ES"]
        ],
        unpivot: .init(field: "indicateur", columns: ["Nombre d'appels", "Nombre d'utilisateurs uniques"]),
        lookupKeys: ["indicateur": ["couloir", "indicateur"]])

    @Test func aLookupReadsSeveralFieldsAsTheFileGaveThem() throws {
        // Setup
        let records = try CSVReader(separator: ";").records(
            "Secteur;Nombre d'appels;Nombre d'utilisateurs uniques\nEtablissements sanitaires;309104;106\n")
        // Act
        let rows = try Self.insi.apply(records)
        // Check: the couloir's own lookup did not change what the indicator's lookup read.
        #expect(
            rows.map { "\($0.fields["indicateur"] ?? "") \($0.fields["couloir"] ?? "") \($0.fields["valeur"] ?? "")" }
                == ["O3-18 ES 309104", "INSI-UTILISATEURS ES 106"])
        #expect(Self.insi.problems.isEmpty)
    }

    @Test func compositeKeysNameKnownFieldsAndATable() {
        let bad = ImportProfile(
            name: "cles", columns: ["indicateur": "A", "territoire": "B", "periode": "C", "valeur": "D"],
            lookupKeys: ["indicateur": ["secteur"], "couloir": []])
        #expect(
            bad.problems == [
                "Champ inconnu « secteur » (champs : indicateur, territoire, structure, couloir, periode, valeur, "
                    + "numerateur, denominateur, source, commentaire).",
                "Clés de correspondance de « couloir » sans table de correspondance.",
                "Clés de correspondance de « couloir » : nommez au moins un champ.",
                "Clés de correspondance de « indicateur » sans table de correspondance."
            ])
    }

    @Test func profilesWithCompositeKeysRoundTripAsJSON() throws {
        let data = try JSONEncoder().encode(Self.insi)
        #expect(try JSONDecoder().decode(ImportProfile.self, from: data) == Self.insi)
    }
}
