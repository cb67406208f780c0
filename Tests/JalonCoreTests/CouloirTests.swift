import Testing

@testable import JalonCore

struct CouloirTests {
    @Test(arguments: [
        ("HOP", Couloir.es), ("RAD", .radio), ("ESMS", .ms), ("Tous", .tous), ("ms-pa", .msPA), ("PHARMA", .pharma),
        ("LBM", .bio)
    ])
    func parsesCodesAndAliases(raw: String, couloir: Couloir) {
        #expect(Couloir(code: raw) == couloir)
    }

    @Test func unknownCodeIsNil() {
        #expect(Couloir(code: "XYZ") == nil)
    }

    @Test func groupingsExpandToStructuralCouloirs() {
        #expect(Couloir.ms.members == [.msPA, .msPH, .msAutres])
        #expect(Couloir.tous.members == Couloir.structural)
        #expect(Couloir.es.members == [.es])
    }
}
