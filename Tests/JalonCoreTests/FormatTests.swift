import Testing
@testable import JalonCore

struct FormatTests {
    let nb = Format.thinSpace

    @Test func integersUseFrenchGrouping() {
        #expect(Format.integer(2_551_301) == "2\(nb)551\(nb)301")
        #expect(Format.integer(999) == "999")
        #expect(Format.integer(-1000) == "-1\(nb)000")
    }

    @Test func decimalsAndPercentsUseACommaAndASpacedPercentSign() {
        #expect(Format.decimal(12.834, fractionDigits: 2) == "12,83")
        #expect(Format.percent(0.1283, fractionDigits: 2) == "12,83\u{00A0}%")
        #expect(Format.percent(1.303) == "130,3\u{00A0}%")
    }

    @Test func numbersKeepOnlyTheDecimalsTheyHave() {
        #expect(Format.number(3) == "3")
        #expect(Format.number(1.5) == "1,5")
        #expect(Format.number(2000.25) == "2\(nb)000,25")
        #expect(Format.number(0.1234567) == "0,123457")
    }

    @Test func datesAreWrittenInFrench() {
        #expect(Format.date(iso: "2022-03-01") == "1er mars 2022")
        #expect(Format.date(iso: "2021-12-31") == "31 décembre 2021")
        #expect(Format.date(iso: "n/a") == "n/a")
    }
}

@Test func hexStringsAreLowerCaseAndTwoDigitsPerByte() {
    #expect([UInt8]([0x00, 0x0f, 0xa5, 0xff]).hexString == "000fa5ff")
    #expect([UInt8]().hexString == "")
}
