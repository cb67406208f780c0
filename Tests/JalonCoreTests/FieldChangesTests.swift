import JalonCore
import Testing

@Suite struct FieldChangesTests {
    @Test func keepsOnlyTheFieldsThatChanged() {
        var c = FieldChanges()
        c.compare("titre", "Webinaire DMP", "Webinaire DMP et MSS")
        c.compare("lieu", "Lille", "Lille")
        c.compare("notes", nil, "")
        c.compare("durée", "", "90")
        #expect(c.fields == ["durée", "titre"])
        #expect(c.details["titre"] == "« Webinaire DMP » → « Webinaire DMP et MSS »")
        #expect(c.details["durée"] == "(vide) → « 90 »")
    }

    @Test func setsSayWhatWasAddedAndRemoved() {
        var c = FieldChanges()
        c.compare("territoires", set: ["D59", "D62"], ["D62", "D80", "D02"])
        c.compare("couloirs", set: ["MS", "ES"], ["ES", "MS"])
        #expect(c.details == ["territoires": "+ D02, D80 ; − D59"])
    }

    @Test func longValuesAreCut() {
        var c = FieldChanges(limit: 5)
        c.compare("texte", "abcdefgh", "abc")
        #expect(c.details["texte"] == "« abcde… » → « abc »")
        #expect(FieldChanges().isEmpty)
    }
}
