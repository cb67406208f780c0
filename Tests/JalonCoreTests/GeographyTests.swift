import Testing

@testable import JalonCore

struct GeographyTests {
    static let files = [
        "regions": "id,code,nom\n0,32,Hauts-de-France\n",
        "departements": "id,code,nom,region_id\n0,59,Nord,0\n1,75,Paris,0\n",
        "epci": "id,code,nom,type\n0,200093201,MEL,ME\n",
        "communes": "id,code,type,nom,population_municipale,departement_id,commune_parent_id,epci_id,mairie\n"
            + "0,59350,COM,Lille,236710,0,\\N,0,\"Place\nAugustin Laurent\"\n"
            + "1,75056,COM,Paris,2133111,1,\\N,\\N,\n"
            + "2,75114,ARM,Paris 14e,136368,\\N,1,\\N,\n"
    ]

    @Test func parsesCommunesWithTheirDepartementEPCIAndAliases() throws {
        // act
        let geography = try Geography.parse(files: Self.files)
        // check
        #expect(geography.regions == [.init(code: "32", name: "Hauts-de-France")])
        #expect(geography.communes.count == 2)
        #expect(
            geography.communes[0]
                == .init(code: "59350", name: "Lille", departement: "59", population: 236_710, epci: "200093201"))
        #expect(geography.aliases == [.init(code: "75114", commune: "75056", kind: "ARM", name: "Paris 14e")])
    }

    @Test func aMissingColumnIsNamed() {
        var files = Self.files
        files["communes"] = "id,code,type\n0,59350,COM\n"
        #expect(throws: Geography.Failure(file: "communes.csv", line: 1, message: "colonne « nom » absente")) {
            try Geography.parse(files: files)
        }
    }
}
