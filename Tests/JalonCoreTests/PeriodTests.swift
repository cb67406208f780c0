import Testing

@testable import JalonCore

struct PeriodTests {
    @Test(arguments: [
        ("2021-12-31", "2021-12-31", "2021-12-31"), ("31/12/2021", "2021-12-31", "2021-12-31"),
        ("2021-12", "2021-12", "2021-12-31"),
        ("12/2021", "2021-12", "2021-12-31"), ("déc. 2021", "2021-12", "2021-12-31"),
        ("décembre 2021", "2021-12", "2021-12-31"),
        ("févr. 2024", "2024-02", "2024-02-29"), ("2021-T4", "2021-T4", "2021-12-31"),
        ("2021-Q2", "2021-T2", "2021-06-30"),
        ("T3 2023", "2023-T3", "2023-09-30"), ("2021-S2", "2021-S2", "2021-12-31"),
        ("S1 2022", "2022-S1", "2022-06-30"), ("2021", "2021", "2021-12-31")
    ])
    func readsEveryNotation(raw: String, canonical: String, end: String) throws {
        let period = try #require(Period(raw))
        #expect(period.description == canonical)
        #expect(period.end.iso == end)
    }

    @Test(arguments: ["", "2021-13", "13/2021", "2021-T5", "S3 2021", "hier", "30/02/2021"])
    func refusesTheRest(raw: String) {
        #expect(Period(raw) == nil)
    }

    @Test func labelsAreFrench() {
        #expect(Period("2021-12")?.label == "décembre 2021")
        #expect(Period("2022-03-01")?.label == "1er mars 2022")
        #expect(Period("2021-T4")?.label == "T4 2021")
    }

    @Test func dayArithmetic() {
        #expect(Day(2022, 3, 31).addingMonths(-1) == Day(2022, 2, 28))
        #expect(Day(2021, 12, 31).addingMonths(6) == Day(2022, 6, 30))
        #expect(Day(1970, 1, 1).ordinal == 0)
        #expect(Day(2000, 3, 1).ordinal - Day(2000, 2, 28).ordinal == 2)
        #expect(abs(Day(2021, 1, 1).months(until: Day(2022, 1, 1)) - 12) < 0.01)
    }
}

struct MilestoneTests {
    @Test(arguments: [
        ("fin 2021", "2021-12-31"), ("Fin 2023", "2023-12-31"), ("mi-2022", "2022-06-30"), ("mi 2022", "2022-06-30"),
        ("début 2023", "2023-01-01"), ("T3 2023", "2023-09-30"), ("S1 2022", "2022-06-30"), ("mai 2023", "2023-05-31"),
        ("2022-10-15", "2022-10-15"), ("15/10/2022", "2022-10-15")
    ])
    func milestonesBecomeDays(raw: String, day: String) {
        #expect(Milestone.parse(raw)?.iso == day)
    }

    @Test func milestonesReadBack() {
        #expect(Milestone.label(Day(2021, 12, 31)) == "fin 2021")
        #expect(Milestone.label(Day(2022, 6, 30)) == "mi-2022")
        #expect(Milestone.label(Day(2023, 5, 31)) == "31 mai 2023")
        #expect(Milestone.parse("bientôt") == nil)
    }
}

struct FrenchNumberTests {
    @Test(arguments: [
        ("2 551 301", 2_551_301.0, false), ("2\u{00A0}551\u{00A0}301", 2_551_301, false),
        ("2\u{202F}551\u{202F}301", 2_551_301, false),
        ("12,83 %", 0.1283, true), ("0,40%", 0.004, true), ("130,3 %", 1.303, true), ("1,3", 1.3, false),
        ("1.3", 1.3, false),
        ("1.234,5", 1234.5, false), ("1,234.5", 1234.5, false), ("-4,5", -4.5, false), ("2.551.301", 2_551_301, false),
        // the byte-level fast path and its edges
        ("219 240", 219_240, false), (" 12 ", 12, false), ("0.1283", 0.1283, false), ("-0,5", -0.5, false),
        ("0", 0, false)
    ])
    func numbers(raw: String, value: Double, percent: Bool) throws {
        guard case .number(let parsed, let isPercent)? = FrenchNumber.parse(raw) else {
            Issue.record("« \(raw) » non lu")
            return
        }
        #expect(abs(parsed - value) < 1e-9)
        #expect(isPercent == percent)
    }

    @Test(arguments: ["-", "1,2,3x", "1-2", "--1", "12 34 %x", "."])
    func notNumbers(raw: String) {
        if case .number? = FrenchNumber.parse(raw) { Issue.record("« \(raw) » lu comme un nombre") }
    }

    @Test func trimmedSpacesKeepsInnerSpacesAndDropsOuterOnes() {
        #expect(" \u{00A0}Nord\u{202F} ".trimmedSpaces == "Nord")
        #expect("Pas de Calais".trimmedSpaces == "Pas de Calais")
        #expect("   ".trimmedSpaces == "")
        #expect("".trimmedSpaces == "")
    }

    @Test func booleansAndMarkers() {
        #expect(FrenchNumber.parse("OUI") == .boolean(true))
        #expect(FrenchNumber.parse("n") == .boolean(false))
        #expect(FrenchNumber.parse("true") == .boolean(true))
        #expect(FrenchNumber.parse("ND") == .notProvided)
        #expect(FrenchNumber.parse("ni") == .notProvided)
        #expect(FrenchNumber.parse("Données non fournies") == .notProvided)
        #expect(FrenchNumber.parse("douze") == nil)
        #expect(FrenchNumber.parse("12 abc") == nil)
        #expect(FrenchNumber.parse("") == nil)
    }
}
