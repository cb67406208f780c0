import Testing

@testable import JalonCore

struct ProgrammeRulesTests {
    @Test func sharesAddUpTo100AsTheSeedsPiesPrintThem() {
        // Seed 000: validated domains 75/36/10/17 print 55/26/7/12 (54,3 % raised to 55 to total 100).
        #expect(LargestRemainder.percentages([75, 36, 10, 17]) == [55, 26, 7, 12])
        // Validated per TAN, Σ 77: Métropole and Somme Littoral Sud both count 15 — printed 20 % and 19 %.
        let tan = LargestRemainder.percentages([12, 10, 11, 6, 15, 8, 15])
        #expect(tan == [16, 13, 14, 8, 20, 10, 19] && tan.reduce(0, +) == 100)
        #expect(LargestRemainder.percentages([0, 0]) == [0, 0])
        #expect(LargestRemainder.percentages([1, 1, 1]) == [34, 33, 33])
    }

    @Test func statusesKnowTheirOrderAndTheFrenchOfFiles() {
        #expect(ApplicationStatus(french: "Validé") == .validated)
        #expect(ApplicationStatus(french: "accepté") == .validated)
        #expect(ApplicationStatus(french: "en_instruction") == .instruction)
        #expect(ApplicationStatus(french: "Classé sans suite") == .abandoned)
        #expect(ApplicationStatus(french: "peut-être") == nil)
        #expect(!ApplicationStatus.filed.isBackwards(to: .validated))
        #expect(!ApplicationStatus.validated.isBackwards(to: .targetsReached))
        #expect(ApplicationStatus.validated.isBackwards(to: .instruction))
        #expect(ApplicationStatus.refused.isBackwards(to: .validated), "a refusal reversed needs its reason")
        #expect(ApplicationStatus.settled.isValidated && !ApplicationStatus.postponed.isValidated)
    }

    @Test func legalStatusesGroupAsTheSeedsDo() {
        #expect(LegalStatusGroup(finessCode: "13") == .publicSector)
        #expect(LegalStatusGroup(finessCode: "61 — Association Loi 1901 R.U.P.") == .nonProfit)
        #expect(LegalStatusGroup(finessCode: "73") == .forProfit)
        #expect(LegalStatusGroup(finessCode: "") == .unknown)
    }

    @Test func eligibilityRulesReadTheirClausesAndAdmitStructures() throws {
        let rule = try EligibilityRule.parse("couloir: ES; drapeau: PMSI\ncategories: 355, 101")
        let hospital = EligibilityRule.Facts(
            couloir: "ES", category: "355", finessET: "590000001", finessEJ: "590000000", flags: ["pmsi"])
        #expect(rule.admits(hospital))
        var withoutFlag = hospital
        withoutFlag.flags = []
        #expect(!rule.admits(withoutFlag))
        var ehpad = hospital
        ehpad.couloir = "MS-PA"
        #expect(!rule.admits(ehpad))
        #expect(try EligibilityRule.parse("").admits(ehpad), "no clause: everyone")
        #expect(try EligibilityRule.parse("liste: 590000000").admits(hospital), "an EJ number admits its ET")
        #expect(rule.text == "couloir: ES; categories: 101, 355; drapeau: PMSI")
        let medicoSocial = try EligibilityRule.parse("couloir: MS")
        #expect(medicoSocial.admits(ehpad), "MS stands for its sub-couloirs")
        #expect(!medicoSocial.admits(hospital))
        #expect(throws: EligibilityRule.ParseError.unreadable("taille: grande")) {
            try EligibilityRule.parse("taille: grande")
        }
    }
}

struct MoneyTests {
    @Test func amountsReadAsTheSeedsWriteThem() {
        #expect(Money.cents(french: "6,01 M€") == 601_000_000)
        #expect(Money.cents(french: "6 373 682 €") == 637_368_200)
        #expect(Money.cents(french: "2,1M €") == 210_000_000)
        #expect(Money.cents(french: "350 k€") == 35_000_000)
        #expect(Money.cents(french: "1 800 000,50") == 180_000_050)
        for bad in ["", "beaucoup", "-5", "1,2,3", "1e30"] { #expect(Money.cents(french: bad) == nil, "\(bad)") }
    }

    @Test func amountsAreWrittenInFrench() {
        #expect(Money.french(601_000_000) == "6,01 M€")
        #expect(Money.french(637_368_200).replacingOccurrences(of: "\u{202F}", with: " ") == "6,37 M€")
        #expect(Money.french(35_000_000).replacingOccurrences(of: "\u{202F}", with: " ") == "350 000 €")
        #expect(Money.french(12_345).replacingOccurrences(of: "\u{202F}", with: " ") == "123,45 €")
    }
}
