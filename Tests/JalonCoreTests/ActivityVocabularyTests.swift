import Testing

@testable import JalonCore

struct ActivityVocabularyTests {
    @Test(arguments: [
        ("Visite sur site", ActivityType.visite), ("visite", .visite), ("réunion d'information", .reunion),
        ("WEBINAIRE", .webinaire),
        ("mailing", .campagne), ("contact-individuel", .contact), ("Événement", .evenement), ("comité", .comite)
    ])
    func typesAreReadAsPeopleWriteThem(raw: String, type: ActivityType) {
        #expect(ActivityType(text: raw) == type)
    }

    @Test func unknownTypesAreNil() {
        #expect(ActivityType(text: "pique-nique") == nil)
        #expect(ActivityType(text: "  ") == nil)
    }

    @Test func topicsHaveOneCodeEach() {
        #expect(ActivityTopic.code("Messagerie sécurisée") == "MSS")
        #expect(ActivityTopic.code("dmp") == "DMP")
        #expect(ActivityTopic.code("Mon espace santé") == "MES")
        #expect(ActivityTopic.code("identitovigilance") == "INS")
        #expect(ActivityTopic.code("Domomédecine") == "DOMOMEDECINE")
        #expect(ActivityTopic.code(" ") == nil)
    }
}

struct ActivityMeasureTests {
    @Test(arguments: [
        "actions", "actions:webinaire", "actions-theme:MSS", "participants", "touchees:ES", "touchees-nombre:PHARMA"
    ])
    func measuresReadBackFromTheirText(text: String) throws {
        let measure = try #require(ActivityMeasure(text: text))
        #expect(measure.description == text)
        #expect(ActivityMeasure(text: measure.description) == measure)
    }

    @Test func readsWhatPeopleWriteAndRefusesTheRest() {
        #expect(ActivityMeasure(text: "Touchées : es") == ActivityMeasure(kind: .reachShare, couloir: .es))
        #expect(ActivityMeasure(text: "actions:visite")?.type == .visite)
        #expect(ActivityMeasure(text: "touchees:XYZ") == nil)
        #expect(ActivityMeasure(text: "actions:pique-nique") == nil)
        #expect(ActivityMeasure(text: "moyenne") == nil)
    }
}
