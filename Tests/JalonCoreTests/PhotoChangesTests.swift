import Testing

@testable import JalonCore

struct PhotoChangesTests {
    static func line(_ code: String, _ value: String, _ status: Progress.Status) -> PhotoChanges.Line {
        .init(code: code, label: "Indicateur \(code)", value: value, status: status.rawValue, statusLabel: status.label)
    }

    @Test func valuesStatusesNewlyLateAddedAndRemoved() {
        // setup: the previous committee's photo, and this one's
        let previous = [
            Self.line("O1-01", "42 %", .enBonneVoie), Self.line("O1-02", "10", .enRetard),
            Self.line("O2-01", "5", .enCours), Self.line("O3-01", "1", .atteint)
        ]
        let current = [
            Self.line("O1-01", "47 %", .enBonneVoie), Self.line("O1-02", "12", .enRetard),
            Self.line("O2-01", "5", .enRetard), Self.line("O4-01", "3", .enRetard),
            Self.line("O1-01", "47 %", .enBonneVoie)
        ]
        // act
        let changes = PhotoChanges(previous: previous, current: current)
        // check
        #expect(changes.changed.map(\.code) == ["O1-01", "O1-02", "O2-01"])
        #expect(changes.changed[0].valueChanged && !changes.changed[0].statusChanged)
        #expect(changes.changed[2].statusBefore == "En cours" && changes.changed[2].statusAfter == "En retard")
        #expect(changes.newlyLate.map(\.code) == ["O2-01", "O4-01"])
        #expect(changes.added.map(\.code) == ["O4-01"])
        #expect(changes.removed.map(\.code) == ["O3-01"])
    }

    @Test func theSamePhotoChangesNothing() {
        let lines = [Self.line("O1-01", "42 %", .enRetard)]
        #expect(PhotoChanges(previous: lines, current: lines).isEmpty)
    }
}

struct PackTemplateTests {
    @Test func parsesSectionsInOrderDropsUnknownAndDuplicates() {
        let template = PackTemplate.parse(
            sections: "couverture, indicateurs, inconnue, couverture, interlocuteurs", focus: "O1-01; O3-09 O1-01")
        #expect(template.sections == [.cover, .indicators, .contacts])
        #expect(template.focus == ["O1-01", "O3-09"])
        #expect(template.sectionsText == "couverture, indicateurs, interlocuteurs")
    }

    @Test func anEmptyTemplateIsTheStandardDeck() {
        #expect(PackTemplate.parse(sections: " ", focus: "").sections == PackSection.allCases)
    }
}
