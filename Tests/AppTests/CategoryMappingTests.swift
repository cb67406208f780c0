import Foundation
import JalonCore
import Testing

@testable import App

struct CategoryMappingTests {
    @Test(arguments: [
        ("355", "ES"), ("101", "ES"), ("127", "ES"), ("500", "MS-PA"), ("202", "MS-PA"), ("354", "MS-PA"),
        ("183", "MS-PH"), ("246", "MS-PH"), ("214", "MS-AUTRES"), ("611", "BIO"), ("620", "PHARMA"), ("223", "AUTRES"),
        ("124", "AUTRES")
    ])
    func shippedDefaultsClassifyTheAnchorsOfTheBrief(category: String, couloir: String) throws {
        let entry = try #require(CategoryService.defaults.first { $0.code == category })
        #expect(entry.couloir == couloir)
    }

    @Test func shippedTableIsCompleteAndValid() {
        #expect(CategoryService.defaults.count > 250)
        #expect(Set(CategoryService.defaults.map(\.code)).count == CategoryService.defaults.count)
        #expect(
            CategoryService.defaults.allSatisfy { Couloir(code: $0.couloir).map(Couloir.structural.contains) == true })
    }

    @Test(arguments: [
        ("1102", Couloir.es), ("1205", .es), ("4401", .msPA), ("4106", .msPH), ("4302", .msPH), ("4601", .msAutres),
        ("3101", .bio), ("2202", .autres), ("", .autres)
    ])
    func unknownCategoriesFollowTheirAggregate(aggregate: String, couloir: Couloir) {
        #expect(CategoryService.couloir(forAggregate: aggregate) == couloir)
    }

    @Test func csvOfCouloirsIsReadAllOrNothing() throws {
        let ok = try CategoryService.parseCSV(
            Data("categorie;libelle;couloir\n355;CH;AUTRES\n620;Officine;PHARMA\n".utf8), fileName: "c.csv")
        #expect(ok == ["355": .autres, "620": .pharma])
        #expect(throws: ServiceError.invalid("c.csv, ligne 3, champ couloir : couloir inconnu « HOPITAL ».")) {
            try CategoryService.parseCSV(Data("categorie;couloir\n355;ES\n101;HOPITAL\n".utf8), fileName: "c.csv")
        }
    }
}
