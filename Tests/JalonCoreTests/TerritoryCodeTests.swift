import Testing

@testable import JalonCore

struct TerritoryCodeTests {
    @Test(arguments: [
        ("FR", TerritoryKind.country, "FR", ""), ("r32", .region, "R32", "32"), ("D59", .departement, "D59", "59"),
        ("D2A", .departement, "D2A", "2A"), ("d973", .departement, "D973", "973"),
        ("C59350", .commune, "C59350", "59350"),
        ("C2A004", .commune, "C2A004", "2A004"), ("E200093201", .epci, "E200093201", "200093201"),
        (" tan-littoral ", .custom, "TAN-LITTORAL", ""), ("CPTS_LENS", .custom, "CPTS_LENS", "")
    ])
    func parsesKnownShapes(raw: String, kind: TerritoryKind, value: String, insee: String) {
        // act
        let code = TerritoryCode(raw)
        // check
        #expect(code?.kind == kind)
        #expect(code?.value == value)
        #expect(code?.insee == insee)
    }

    @Test(arguments: ["", "59", "-TAN", "TAN LITTORAL", "TAN<script>", String(repeating: "A", count: 65)])
    func rejectsInvalidCodes(raw: String) {
        #expect(TerritoryCode(raw) == nil)
    }

    @Test func officialShapesAreNotCustom() {
        // A région-shaped code with a wrong body is custom, not a région.
        #expect(TerritoryCode("R3")?.kind == .custom)
        #expect(TerritoryCode("D00")?.kind == .custom)
        #expect(TerritoryCode("D978")?.kind == .custom)
    }

    @Test func departementOfCommune() {
        #expect(TerritoryCode.departementOfCommune("59350") == "59")
        #expect(TerritoryCode.departementOfCommune("2A004") == "2A")
        #expect(TerritoryCode.departementOfCommune("97411") == "974")
    }
}
