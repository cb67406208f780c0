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

    /// Whatever a database or a computation holds, formatting answers: it used to trap past 2⁶³.
    @Test func extremeValuesFormatWithoutTrapping() {
        #expect(
            Format.decimal(1e26, fractionDigits: 0)
                == "100\(nb)000\(nb)000\(nb)000\(nb)000\(nb)000\(nb)000\(nb)000\(nb)000")
        #expect(Format.decimal(-9.3e18, fractionDigits: 1) == "-9\(nb)300\(nb)000\(nb)000\(nb)000\(nb)000\(nb)000,0")
        // 2⁶³ in the shortest digits that name the double, as it would be typed.
        #expect(
            Format.decimal(9_223_372_036_854_775_808, fractionDigits: 0)
                == "9\(nb)223\(nb)372\(nb)036\(nb)854\(nb)776\(nb)000")
        #expect(Format.decimal(.nan) == "—")
        #expect(Format.decimal(.infinity) == "—" && Format.decimal(-.infinity) == "—")
        #expect(Format.decimal(.greatestFiniteMagnitude).hasPrefix("179\(nb)769\(nb)313"))
        #expect(Format.decimal(-.greatestFiniteMagnitude).hasPrefix("-179"))
        #expect(Format.decimal(.leastNonzeroMagnitude, fractionDigits: 2) == "0,00")
        #expect(Format.decimal(-0.04) == "0,0")
        #expect(Format.percent(.greatestFiniteMagnitude) == "—\u{00A0}%")
        #expect(Format.number(123_456_789_012.5) == "123\(nb)456\(nb)789\(nb)012,5")
        #expect(Format.coordinate(.nan) == "—")
    }

    @Test func valuesBeyondTenToTheFifteenAreOutOfBounds() {
        #expect(ValueBounds.accepts(1e15) && ValueBounds.accepts(-1e15) && ValueBounds.accepts(.leastNonzeroMagnitude))
        #expect(!ValueBounds.accepts(1.000_000_1e15) && !ValueBounds.accepts(.nan) && !ValueBounds.accepts(-.infinity))
        #expect(ValueBounds.accepts(Day(1990, 1, 1)) && ValueBounds.accepts(Day(2100, 12, 31)))
        #expect(
            !ValueBounds.accepts(Day(1989, 12, 31)) && !ValueBounds.accepts(.year(9999))
                && !ValueBounds.accepts(Period.month(0, 1)))
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
