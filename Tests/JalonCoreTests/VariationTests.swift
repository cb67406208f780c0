import JalonCore
import Testing

@Suite struct VariationTests {
    @Test func writesAChangeAsAPercentageAndADoublingAsAFactor() throws {
        #expect(try #require(Variation(from: 100, to: 116.5)).text == "+16,5\u{00A0}%")
        #expect(try #require(Variation(from: 100, to: 96.8)).text == "−3,2\u{00A0}%")
        #expect(try #require(Variation(from: 20, to: 104)).text == "×\u{00A0}5,2")
        #expect(try #require(Variation(from: 50, to: 50)).text == "0,0\u{00A0}%")
        #expect(try #require(Variation(from: 4, to: 10)).ratio == 2.5)
    }

    @Test func saysNothingWithoutAnEarlierPositiveValue() {
        #expect(Variation(from: nil, to: 3) == nil)
        #expect(Variation(from: 0, to: 3) == nil)
        #expect(Variation(from: -2, to: 3) == nil)
        #expect(Variation(from: 2, to: nil) == nil)
    }

    @Test func readsThePreviousPeriodTheSameMonthAYearBeforeAndTheBaseline() throws {
        let levels: [(Day, Double)] = [
            (Day(2024, 2, 29), 80), (Day(2024, 12, 31), 100), (Day(2025, 1, 31), 110), (Day(2025, 2, 28), 121)
        ]
        let variations = Variations.of(levels: levels, at: Day(2025, 3, 15), baseline: 40)
        #expect(variations.sincePrevious?.text == "+10,0\u{00A0}%")
        // February 2025 against February 2024, whatever the last day of the month.
        #expect(variations.sinceYearBefore?.ratio == 121.0 / 80)
        #expect(variations.sinceBaseline?.text == "×\u{00A0}3,0")
        let earlier = Variations.of(levels: levels, at: Day(2025, 1, 31), baseline: nil)
        #expect(earlier.sincePrevious?.text == "+10,0\u{00A0}%" && earlier.sinceYearBefore == nil)
        #expect(earlier.sinceBaseline == nil)
        #expect(Variations.of(levels: levels, at: Day(2023, 1, 1), baseline: 1) == Variations())
    }
}
