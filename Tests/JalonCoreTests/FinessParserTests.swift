import Foundation
import Testing

@testable import JalonCore

struct FinessParserTests {
    static let header = "finess;etalab;111;2026-05-12"
    static func line(
        _ et: String, name: String = "CH TEST", commune: String = "350", dept: String = "59", category: String = "355",
        date: String = "2020-01-01"
    ) -> String {
        "structureet;\(et);\(et.prefix(2))0000010;\(name);\(name) LONG;;;2;AV;OSCAR LAMBRET;;;\(commune);\(dept);NORD;"
            + "59037 LILLE CEDEX;0320445962;;\(category);Centre Hospitalier (C.H.);1102;Centres Hospitaliers;"
            + "26590000100017;8610Z;03;ARS;1;EPS;\(date);\(date);2024-02-01;"
    }

    @Test func parsesAStructureLineWithQuotesAndDoubledQuotes() throws {
        // setup
        let text = [
            Self.header,
            Self.line("980501506", name: "\"LIEU DE VIE \"\"MAVOUNA; MEMA 1\"\"\"", commune: "606", dept: "9F")
        ].joined(separator: "\n")
        // act
        let file = try FinessEtalabParser.parse(text)
        // check
        #expect(file.records.count == 1)
        #expect(file.records[0].name == "LIEU DE VIE \"MAVOUNA; MEMA 1\"")
        #expect(file.records[0].communeCode == "97606")
        #expect(file.records[0].postalCode == "59037")
        #expect(file.records[0].city == "LILLE CEDEX")
        #expect(file.records[0].address == "2 AV OSCAR LAMBRET")
        #expect(file.records[0].openedOn == "2020-01-01")
    }

    @Test(arguments: [
        ("59", "350", "59350"), ("2A", "004", "2A004"), ("9A", "123", "97123"), ("9D", "411", "97411"),
        ("9F", "611", "97611"), ("9J", "613", "98613"), ("9C", "302", "97302")
    ])
    func rebuildsInseeCommuneCodes(dept: String, commune: String, insee: String) {
        #expect(FinessCommune.inseeCode(departement: dept, commune: commune) == insee)
    }

    @Test func readsLatin1AndJoinsLambert93Coordinates() throws {
        // setup: Latin-1 bytes ("É" = 0xC9) and a geolocalisation record after the structures
        let text = [
            Self.header, Self.line("590000001", name: "CENTRE RÉGIONAL"),
            "geolocalisation;590000001;873766.07;6570414.61;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2024-02-01"
        ].joined(separator: "\r\n")
        let data = text.data(using: .isoLatin1)!
        // act
        let file = try FinessReader.read(data)
        // check
        #expect(file.format == .etalabCSV)
        #expect(file.records[0].name == "CENTRE RÉGIONAL")
        let position = try #require(file.records[0].position)
        #expect(abs(position.latitude - 46.211257) < 1e-5)
        #expect(abs(position.longitude - 5.254203) < 1e-5)
    }

    @Test func coordinatesThatAreNotFiniteAreRejectedNotStored() throws {
        // setup: `Double` reads "nan" and "inf", which would reach the database and the JSON API
        let text = [
            Self.header, Self.line("590000001"), Self.line("590000002"),
            "geolocalisation;590000001;nan;6570414.61;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2024-02-01",
            "geolocalisation;590000002;inf;-inf;1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2024-02-01"
        ].joined(separator: "\n")
        // act
        let file = try FinessEtalabParser.parse(text)
        // check
        #expect(file.records.allSatisfy { $0.position == nil })
        #expect(file.rejections.map(\.line) == [4, 5] && file.rejections.allSatisfy { $0.field == "coordxet" })
    }

    @Test func rejectsBadLinesButKeepsTheOthers() throws {
        let text = [
            Self.header, Self.line("590000001"), Self.line("12"), Self.line("590000003", date: "31/12/2020"),
            Self.line("590000001")
        ].joined(separator: "\n")
        let file = try FinessEtalabParser.parse(text)
        #expect(file.records.map(\.finessET) == ["590000001"])
        #expect(file.read == 4)
        #expect(file.rejections.map(\.line) == [3, 4, 5])
        #expect(file.rejections[0].field == "nofinesset")
        #expect(file.rejections[1].field == "dateouv")
        #expect(file.rejections[2].reason.contains("en double"))
    }

    @Test func aTruncatedFileIsRefusedWithItsLine() {
        let truncated = [Self.header, Self.line("590000001"), String(Self.line("590000002").prefix(60))].joined(
            separator: "\n")
        #expect(
            throws: FinessFileError(
                line: 3, "ligne structureet incomplète (10 champs au lieu de 32) — fichier tronqué ou mal formé")
        ) {
            try FinessEtalabParser.parse(truncated)
        }
    }

    @Test func anUnknownFileIsRefused() {
        #expect(throws: FinessFileError.self) { try FinessReader.read(Data("nom;prenom\nA;B".utf8)) }
        #expect(throws: FinessFileError.self) { try FinessReader.read(Data()) }
    }

    @Test func parsesTheJSONFlux() throws {
        // setup
        let json = """
            {"schemaVersion":"v1.0.0","pmej":[{"informationsGeneralesPMEJ":{"numFinessPm":"010000016",\
            "denominationPm":"EJ","siren":"260104633","dateFermeture":"2019-03-03"},
              "ege":[{"informationsGeneralesEGE":{"numFinessEge":"010780195","nomEgeCourt":"CLINIQUE",\
            "nomEgeLong":"CLINIQUE LONGUE","dateOuverture":"1956-11-16","dateFermeture":null,"siret":"77220148900022"},
                      "categorieentiteGeographiqueExercice":"365","etatObjet":"A",\
            "dateDerniereMaj":"2021-10-18 00:00:00",
                      "adresse":[{"usageAdresse":"03","numeroVoie":"62","typeVoie":"AV","libelleVoie":"DE JASSERON",\
            "cogCommune":"01053","codePostal":"01000",
                                  "ligneAcheminement":"BOURG EN BRESSE",\
            "coordonneesGeographique":{"coordonneeX":"5.254203","coordonneeY":"46.211257"}}]},
                     {"informationsGeneralesEGE":{"numFinessEge":"010780196","nomEgeCourt":"FERMEE",\
            "dateFermeture":null},"etatObjet":"I","dateDerniereMaj":"2020-01-02 00:00:00"}]}]}
            """
        // act
        let file = try FinessReader.read(Data(json.utf8))
        // check
        #expect(file.format == .jsonFlux)
        #expect(file.records.count == 2)
        #expect(file.records[0].communeCode == "01053")
        #expect(file.records[0].position == GeoPoint(latitude: 46.211257, longitude: 5.254203))
        #expect(file.records[0].closedOn == nil)
        #expect(file.records[1].closedOn == "2020-01-02")
        #expect(
            file.legalEntities == [
                FinessLegalEntity(finessEJ: "010000016", name: "EJ", siren: "260104633", closedOn: "2019-03-03")
            ])
    }

    @Test func aTruncatedJSONFluxIsRefused() {
        #expect(throws: FinessFileError.self) { try FinessReader.read(Data("{\"pmej\":[{\"ege\":[".utf8)) }
    }
}
