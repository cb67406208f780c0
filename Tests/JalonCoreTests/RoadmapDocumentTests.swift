import Foundation
import JalonCore
import Testing

@Suite struct RoadmapDocumentTests {
    static let document = RoadmapDocument(
        code: "feuille-test", title: "Feuille de route de test", region: "R32", startOn: "2023-01-01",
        endOn: "2027-12-31", status: "en_cours",
        objectives: [.init(number: 1, title: "Services socles", priority: 1)],
        fiches: [
            .init(
                code: "DMP", title: "DMP", objective: 1, service: "DMP",
                indicators: [
                    .init(code: "DMP-ALIM", role: "complementaire", targets: [.init(due: "fin 2025", target: "80 %")])
                ],
                actions: [
                    .init(
                        number: 1, title: "Accompagner les ES", calendar: [.init(period: "2024-S1", intensity: 2)],
                        raci: [.init(partyKind: "organisation", party: "ARS", roles: "A/R")])
                ])
        ],
        indicators: [
            .init(
                code: "DMP-ALIM", label: "Taux d'alimentation", service: "DMP", couloir: "ES", source: "CNAM",
                type: "rate", nature: "stock", rollup: "ratio", direction: "hausse")
        ])

    @Test func encodesAsSnakeCaseAndReadsBackTheSame() throws {
        let data = try Self.document.encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"start_on\" : \"2023-01-01\""))
        #expect(text.contains("\"party_kind\" : \"organisation\""))
        #expect(try RoadmapDocument.decode(data, file: "f.json") == Self.document)
        #expect(try RoadmapDocument.decode(data, file: "f.json").encoded() == data)
    }

    @Test func namesTheFileAndThePlaceOfWhatIsMissingOrWrong() throws {
        let text = String(decoding: try Self.document.encoded(), as: UTF8.self)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var fiches = try #require(object["fiches"] as? [[String: Any]])
        var actions = try #require(fiches[0]["actions"] as? [[String: Any]])
        actions[0]["title"] = nil
        fiches[0]["actions"] = actions
        object["fiches"] = fiches
        let withoutTitle = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(
            throws: RoadmapDocumentError(
                file: "f.json", path: "fiches[0].actions[0].title", message: "champ obligatoire absent")
        ) {
            try RoadmapDocument.decode(Data(withoutTitle.utf8), file: "f.json")
        }
        let wrongType = text.replacingOccurrences(of: "\"intensity\" : 2", with: "\"intensity\" : \"fort\"")
        #expect(
            throws: RoadmapDocumentError(
                file: "f.json", path: "fiches[0].actions[0].calendar[0].intensity",
                message: "valeur d'un type inattendu")
        ) {
            try RoadmapDocument.decode(Data(wrongType.utf8), file: "f.json")
        }
        let otherFormat = text.replacingOccurrences(of: RoadmapDocument.currentFormat, with: "autre/9")
        #expect(throws: RoadmapDocumentError.self) {
            try RoadmapDocument.decode(Data(otherFormat.utf8), file: "f.json")
        }
        #expect(throws: RoadmapDocumentError(file: "f.json", path: "document", message: "ce n'est pas du JSON lisible"))
        {
            try RoadmapDocument.decode(Data("{ pas du json".utf8), file: "f.json")
        }
    }

    @Test func readsTheStatusAsPeopleWriteIt() {
        #expect(RoadmapStatus(parsing: "En cours") == .running)
        #expect(RoadmapStatus(parsing: "Clôturée") == .closed)
        #expect(RoadmapStatus(parsing: "en_preparation") == .preparing)
        #expect(RoadmapStatus(parsing: "finie") == nil)
        #expect(RoadmapStatus.closed.label == "clôturée")
    }
}
