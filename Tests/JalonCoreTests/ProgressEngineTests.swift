import Testing

@testable import JalonCore

struct ProgressEngineTests {
    static func share(_ code: String = "DMP-ALIM", direction: IndicatorDefinition.Direction = .higher)
        -> IndicatorDefinition
    {
        IndicatorDefinition(
            code: code, label: "Part de DMP alimentés", kind: .share, nature: .stock, rollup: .ratio,
            direction: direction)
    }

    static func monthly(_ values: [(String, Double)]) -> [ObservationPoint] {
        values.map { ObservationPoint(period: Period($0.0)!, value: $0.1) }
    }

    /// NA DMP annex (seed 002): realisation = value / objective.
    @Test(arguments: [("Charente", 0.1283, 0.0985, "130,3\u{00A0}%"), ("Dordogne", 0.0780, 0.0872, "89,4\u{00A0}%")])
    func reproducesTheNouvelleAquitaineDMPAnnex(dept: String, value: Double, objective: Double, printed: String) throws
    {
        let progress = ProgressEngine.progress(
            Self.share(), series: [ObservationPoint(period: Period("2022-05")!, value: value)],
            targets: [TargetPoint(due: Milestone.parse("mi-2022")!, value: .number(objective))], at: Day(2022, 5, 31))
        let realisation = try #require(progress.realisation)
        #expect(Format.percent(realisation) == printed, "\(dept)")
    }

    @Test func stockValueIsTheLatestOnOrBeforeTheDate() {
        let series = Self.monthly([("2022-01", 10), ("2022-02", 12), ("2022-03", 15)])
        #expect(
            ProgressEngine.value(of: series, nature: .stock, cumulativeSince: nil, at: Day(2022, 2, 28))?.value == 12)
        #expect(
            ProgressEngine.value(of: series, nature: .stock, cumulativeSince: nil, at: Day(2022, 2, 27))?.value == 10)
        #expect(ProgressEngine.value(of: series, nature: .stock, cumulativeSince: nil, at: Day(2021, 12, 31)) == nil)
    }

    @Test func cumulatedFlowSumsSinceItsStart() {
        let series = Self.monthly([("2021-05", 100), ("2021-06", 5), ("2021-07", 7), ("2021-08", 9)])
        let cumulated = ProgressEngine.value(
            of: series, nature: .flow, cumulativeSince: Day(2021, 6, 1), at: Day(2021, 7, 31))
        #expect(cumulated?.value == 12)
        #expect(cumulated?.date == Day(2021, 7, 31))
        #expect(ProgressEngine.value(of: series, nature: .flow, cumulativeSince: nil, at: Day(2021, 8, 31))?.value == 9)
    }

    @Test func notProvidedIsNeverZero() {
        let series = [
            ObservationPoint(period: Period("2022-01")!, value: 10),
            ObservationPoint(period: Period("2022-02")!, value: nil, notProvided: true)
        ]
        let progress = ProgressEngine.progress(
            Self.share(), series: series, targets: [TargetPoint(due: Day(2022, 12, 31), value: .number(20))],
            at: Day(2022, 3, 1))
        #expect(progress.value == nil)
        #expect(progress.status == .nonRenseigne)
    }

    @Test func targetIsTheNextOneDueElseTheLast() {
        let targets = [
            TargetPoint(due: Day(2022, 6, 30), value: .number(10)),
            TargetPoint(due: Day(2021, 12, 31), value: .number(5)),
            TargetPoint(due: Day(2023, 12, 31), value: .number(20))
        ]
        #expect(ProgressEngine.applicableTarget(targets, at: Day(2021, 11, 1))?.due == Day(2021, 12, 31))
        #expect(ProgressEngine.applicableTarget(targets, at: Day(2022, 6, 30))?.due == Day(2022, 6, 30))
        #expect(ProgressEngine.applicableTarget(targets, at: Day(2022, 7, 1))?.due == Day(2023, 12, 31))
        #expect(ProgressEngine.applicableTarget(targets, at: Day(2024, 7, 1))?.due == Day(2023, 12, 31))
    }

    @Test func expectedValueFollowsTheLinearTrajectory() {
        let target = TargetPoint(
            due: Day(2022, 12, 31), value: .number(100), baseline: 0, baselineDate: Day(2021, 12, 31))
        #expect(abs(ProgressEngine.expected(target, at: Day(2022, 7, 2))! - 50) < 0.5)
        #expect(ProgressEngine.expected(target, at: Day(2021, 1, 1)) == 0)
        #expect(ProgressEngine.expected(target, at: Day(2023, 6, 1)) == 100)
        #expect(
            ProgressEngine.expected(TargetPoint(due: Day(2022, 12, 31), value: .number(100)), at: Day(2022, 7, 2))
                == nil)
    }

    @Test func projectionUsesTheMeanMonthlyChangeOverTwelveMonths() throws {
        // +2 a month from 2021-01 to 2022-01, and an old point outside the window that must not count.
        var values: [(String, Double)] = [("2019-06", 500)]
        for month in 0...12 {
            values.append((String(format: "%04d-%02d", 2021 + month / 12, month % 12 + 1), 10 + 2 * Double(month)))
        }
        let levels = ProgressEngine.levels(of: Self.monthly(values), nature: .stock, cumulativeSince: nil)
        let proj = try #require(ProgressEngine.projection(levels: levels, to: Day(2022, 7, 31)))
        #expect(abs(proj - (34 + 2 * 6)) < 0.1)
        #expect(ProgressEngine.projection(levels: [(Day(2022, 1, 31), 10)], to: Day(2022, 12, 31)) == nil)
    }

    @Test func everyStatus() {
        let ind = Self.share()
        let due = Day(2022, 12, 31)
        let rising = Self.monthly([("2022-01", 10), ("2022-02", 20), ("2022-03", 30)])
        let slow = Self.monthly([("2022-01", 10), ("2022-02", 11), ("2022-03", 12)])
        func status(_ series: [ObservationPoint], _ targets: [TargetPoint], at: Day = Day(2022, 3, 31))
            -> Progress.Status
        {
            ProgressEngine.progress(ind, series: series, targets: targets, at: at).status
        }
        #expect(status(rising, []) == .sansCible)
        #expect(status(rising, [TargetPoint(due: due, value: .upcoming)]) == .sansCible)
        #expect(status(rising, [TargetPoint(due: due, value: .notDefined)]) == .sansCible)
        #expect(status([], [TargetPoint(due: due, value: .number(50))]) == .nonRenseigne)
        #expect(status(rising, [TargetPoint(due: due, value: .number(25))]) == .atteint)
        #expect(status(slow, [TargetPoint(due: Day(2022, 3, 1), value: .number(50))]) == .enRetard)
        #expect(status(rising, [TargetPoint(due: due, value: .number(100))]) == .enBonneVoie)
        #expect(status(slow, [TargetPoint(due: due, value: .number(100))]) == .aRisque)
        #expect(status(Self.monthly([("2022-03", 12)]), [TargetPoint(due: due, value: .number(100))]) == .enCours)
    }

    @Test func attainmentIsCappedAtOne() throws {
        let progress = ProgressEngine.progress(
            Self.share(), series: Self.monthly([("2022-01", 10), ("2022-02", 20), ("2022-03", 30)]),
            targets: [TargetPoint(due: Day(2022, 12, 31), value: .number(60))], at: Day(2022, 3, 31))
        #expect(progress.attainment == 1)
        // 20 more in 59 days (31 Jan → 31 Mar), projected over the 275 days to 31 Dec.
        let projected = try #require(progress.projection)
        let expected: Double = 30 + 20.0 * 275.0 / 59.0
        #expect(abs(projected - expected) < 1e-9)
        let slow = ProgressEngine.progress(
            Self.share(), series: Self.monthly([("2022-01", 10), ("2022-03", 12)]),
            targets: [TargetPoint(due: Day(2022, 12, 31), value: .number(100))], at: Day(2022, 3, 31))
        #expect(abs(try #require(slow.attainment) - 0.21) < 0.01)
    }

    @Test func lowerIsBetter() {
        let ind = Self.share("DELAI", direction: .lower)
        let falling = Self.monthly([("2022-01", 30), ("2022-02", 25), ("2022-03", 20)])
        let progress = ProgressEngine.progress(
            ind, series: falling, targets: [TargetPoint(due: Day(2022, 12, 31), value: .number(10))],
            at: Day(2022, 3, 31))
        #expect(progress.realisation == 0.5)
        #expect(progress.status == .enBonneVoie)
        let reached = ProgressEngine.progress(
            ind, series: falling, targets: [TargetPoint(due: Day(2022, 12, 31), value: .number(20))],
            at: Day(2022, 3, 31))
        #expect(reached.status == .atteint)
    }

    @Test func yesNoIndicators() {
        let ind = IndicatorDefinition(code: "GOUV", label: "Gouvernance en place", kind: .boolean, rollup: .none)
        let target = [TargetPoint(due: Day(2021, 12, 31), value: .boolean(true))]
        let yes = ProgressEngine.progress(
            ind, series: [ObservationPoint(period: Period("2021-10")!, value: 1)], targets: target, at: Day(2022, 1, 1))
        #expect(yes.realisation == 1 && yes.status == .atteint)
        let no = ProgressEngine.progress(
            ind, series: [ObservationPoint(period: Period("2021-10")!, value: 0)], targets: target, at: Day(2022, 1, 1))
        #expect(no.realisation == 0 && no.status == .enRetard)
    }

    @Test func targetCellsAreRead() {
        #expect(TargetValue.parse("9,85 %") == .number(0.0985))
        #expect(TargetValue.parse("OUI") == .boolean(true))
        #expect(TargetValue.parse("ni") == .notDefined)
        #expect(TargetValue.parse("A venir") == .upcoming)
        #expect(TargetValue.parse("En cours de définition") == .beingDefined)
        #expect(TargetValue.parse("En place") == .text("En place"))
    }
}

struct RollupTests {
    static func point(_ numerator: Double, _ denominator: Double) -> ObservationPoint {
        ObservationPoint(
            period: .year(2022), value: numerator / denominator, numerator: numerator, denominator: denominator)
    }

    @Test func ratioIsTheRatioOfSumsNotTheMeanOfRatios() throws {
        let children = [Self.point(1, 10), Self.point(90, 100)]
        let ratio = try #require(Rollup.combine(.ratio, children))
        #expect(abs(ratio - 91.0 / 110.0) < 1e-12)
        #expect(abs(try #require(Rollup.combine(.mean, children)) - 0.5) < 1e-12)
    }

    @Test func sumMinMaxNoneAndGaps() {
        let children = [
            ObservationPoint(period: .year(2022), value: 3), ObservationPoint(period: .year(2022), value: 7),
            ObservationPoint(period: .year(2022), value: nil, notProvided: true)
        ]
        #expect(Rollup.combine(.sum, children) == 10)
        #expect(Rollup.combine(.min, children) == 3)
        #expect(Rollup.combine(.max, children) == 7)
        #expect(Rollup.combine(.none, children) == nil)
        #expect(Rollup.combine(.sum, []) == nil)
    }

    @Test func shareAndCountOfStructures() {
        #expect(Rollup.structures(.shareOfStructures, yes: 12, open: 48) == 0.25)
        #expect(Rollup.structures(.countOfStructures, yes: 12, open: 48) == 12)
        #expect(Rollup.structures(.shareOfStructures, yes: 0, open: 0) == nil)
    }

    @Test func inconsistencyAboveHalfAPercent() {
        #expect(!Rollup.isInconsistent(own: 1000, rolledUp: 1004))
        #expect(Rollup.isInconsistent(own: 1000, rolledUp: 1006))
        #expect(!Rollup.isInconsistent(own: 0, rolledUp: 0))
    }
}

struct FormulaTests {
    static let context = Formula.Context(
        indicator: { ["DMP-DOCS": 1_200_000, "A": 3, "B": 5, "ZERO": 0][$0] },
        population: { 6_000_000 }, structures: { $0 == .es ? 290 : nil })

    @Test func evaluatesIndicatorsPopulationAndStructureCounts() throws {
        #expect(try Formula("{DMP-DOCS} / POP").evaluate(Self.context) == 0.2)
        #expect(try Formula("({A} + {B}) / 2 * 10").evaluate(Self.context) == 40)
        #expect(try Formula("-{A} + 2,5").evaluate(Self.context) == -0.5)
        #expect(try Formula("{A} / NB(ES)").evaluate(Self.context) == 3.0 / 290)
        #expect(try Formula("{DMP-DOCS} / POP").dependencies == ["DMP-DOCS"])
    }

    @Test func missingInputsAndDivisionByZeroGiveNoValue() throws {
        #expect(try Formula("{A} / {ZERO}").evaluate(Self.context) == nil)
        #expect(try Formula("{INCONNU} + 1").evaluate(Self.context) == nil)
        #expect(try Formula("{A} / NB(BIO)").evaluate(Self.context) == nil)
    }

    @Test(arguments: ["{A} +", "({A}", "{}", "FOO", "NB(XYZ)", "{A} $ 2"])
    func malformedFormulasAreRefused(source: String) {
        #expect(throws: Formula.ParseError.self) { try Formula(source) }
    }
}
