import JalonCore
import Testing

@Suite struct FieldChangesTests {
    @Test func keepsOnlyTheFieldsThatChanged() {
        var changes = FieldChanges()
        changes.compare("titre", "Webinaire DMP", "Webinaire DMP et MSS")
        changes.compare("lieu", "Lille", "Lille")
        changes.compare("notes", nil, "")
        changes.compare("durée", "", "90")
        #expect(changes.fields == ["durée", "titre"])
        #expect(changes.details["titre"] == "« Webinaire DMP » → « Webinaire DMP et MSS »")
        #expect(changes.details["durée"] == "(vide) → « 90 »")
    }

    @Test func setsSayWhatWasAddedAndRemoved() {
        var changes = FieldChanges()
        changes.compare("territoires", set: ["D59", "D62"], ["D62", "D80", "D02"])
        changes.compare("couloirs", set: ["MS", "ES"], ["ES", "MS"])
        #expect(changes.details == ["territoires": "+ D02, D80 ; − D59"])
    }

    @Test func longValuesAreCut() {
        var changes = FieldChanges(limit: 5)
        changes.compare("texte", "abcdefgh", "abc")
        #expect(changes.details["texte"] == "« abcde… » → « abc »")
        #expect(FieldChanges().isEmpty)
    }
}
