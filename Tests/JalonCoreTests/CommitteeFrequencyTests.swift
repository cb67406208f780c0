import JalonCore
import Testing

struct CommitteeFrequencyTests {
    @Test(arguments: [
        ("2 par an", CommitteeFrequency.perYear(2)), ("3 fois par an", .perYear(3)), ("Semestrielle", .perYear(2)),
        ("trimestrielle", .perYear(4)), ("annuelle", .perYear(1)), ("Mensuelle", .monthly), ("tous les mois", .monthly),
        ("toutes les 6 semaines", .everyWeeks(6)), ("hebdomadaire", .everyWeeks(1))
    ])
    func frenchFrequenciesAreRead(written: String, expected: CommitteeFrequency) {
        #expect(CommitteeFrequency(french: written) == expected)
        // What is stored reads back as itself.
        #expect(CommitteeFrequency(french: expected.description) == expected)
    }

    @Test(arguments: ["", "souvent", "0 par an", "13 par an", "toutes les 0 semaines", "6 semaines", "par an"])
    func otherWritingsAreRefused(written: String) {
        #expect(CommitteeFrequency(french: written) == nil)
    }
}

struct AnnualProgrammeTests {
    @Test func weekdaysAreISO() {
        #expect(AnnualProgramme.weekday(of: Day(1970, 1, 1)) == 4)
        #expect(AnnualProgramme.weekday(of: Day(2027, 1, 1)) == 5)
        #expect(AnnualProgramme.weekday(of: Day(1969, 12, 29)) == 1)
    }

    @Test func twoOrThreeAYearAreSpreadOverTheYearOnTheSecondTuesday() {
        #expect(AnnualProgramme.propose(.perYear(2), year: 2027).map(\.iso) == ["2027-04-13", "2027-10-12"])
        #expect(
            AnnualProgramme.propose(.perYear(3), year: 2027).map(\.iso) == ["2027-03-09", "2027-07-13", "2027-11-09"])
    }

    @Test func aMonthlyCommitteeSkipsAugust() {
        let days = AnnualProgramme.propose(.monthly, year: 2027)
        #expect(days.count == 11 && !days.contains { $0.month == 8 })
        #expect(days.first?.iso == "2027-01-12" && days.last?.iso == "2027-12-14")
        #expect(days.allSatisfy { AnnualProgramme.weekday(of: $0) == 2 })
    }

    @Test func aRhythmInWeeksSkipsTheHolidaysAndStaysInTheYear() {
        let days = AnnualProgramme.propose(.everyWeeks(6), year: 2027)
        #expect(
            days.map(\.iso) == [
                "2027-01-12", "2027-02-23", "2027-04-06", "2027-05-18", "2027-06-29", "2027-09-21", "2027-11-02",
                "2027-12-14"
            ])
        let weekly = AnnualProgramme.propose(.everyWeeks(1), year: 2027, weekday: 4)
        #expect(weekly.allSatisfy { !AnnualProgramme.isHoliday($0) && $0.year == 2027 })
        // 52 Thursdays in 2027, less 4 in August, 7 January and 23 and 30 December.
        #expect(weekly.count == 52 - 4 - 1 - 2)
    }

    @Test func twelveAYearNeverLandsInAugust() {
        #expect(!AnnualProgramme.propose(.perYear(12), year: 2027).contains { $0.month == 8 })
    }
}
