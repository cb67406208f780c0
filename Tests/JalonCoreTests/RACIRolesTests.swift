import JalonCore
import Testing

@Suite struct RACIRolesTests {
    @Test func readsCompositeCellsAsTheRegionsWriteThem() throws {
        #expect(try RACIRoles.parse("A/R").text == "A/R")
        #expect(try RACIRoles.parse("r / a").text == "A/R")
        #expect(try RACIRoles.parse("R/C/I").text == "R/C/I")
        #expect(try RACIRoles.parse("RCI").text == "R/C/I")
        #expect(try RACIRoles.parse("I, C").text == "C/I")
        #expect(try RACIRoles.parse("A/A").text == "A")
        #expect(try RACIRoles.parse("  ").isEmpty)
    }

    @Test func namesTheLetterItDoesNotKnow() {
        #expect(throws: RACIRoles.ParseError(written: "X")) { try RACIRoles.parse("A/X") }
        #expect(throws: RACIRoles.ParseError(written: "É")) { try RACIRoles.parse("é") }
    }
}
