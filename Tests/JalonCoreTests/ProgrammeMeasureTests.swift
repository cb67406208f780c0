import Testing

@testable import JalonCore

/// The indicators computed from a programme's applications: how they are written, what a dossier stood at on a
/// day, and each kind's figure month by month.
struct ProgrammeMeasureTests {
    @Test func measuresReadAndWriteTheirText() {
        let measure = ProgrammeMeasure(text: "programme:SUN-ES:cibles:Volet 1")
        #expect(measure == ProgrammeMeasure(kind: .targetsReachedShare, programme: "sun-es", scope: "Volet 1"))
        #expect(measure?.description == "programme:sun-es:cibles:Volet 1")
        #expect(ProgrammeMeasure(text: "programme:sun-es:traités-4-mois")?.kind == .treatedInTime, "accents ignored")
        #expect(ProgrammeMeasure(text: "programme:sun-es") == nil)
        #expect(ProgrammeMeasure(text: "programme::candidats") == nil)
        #expect(ProgrammeMeasure(text: "programme:sun-es:tout") == nil)
        #expect(measure?.keeps(domainCode: "D2", volet: "Volet 1") == true)
        #expect(measure?.keeps(domainCode: "V2", volet: "Volet 2") == false)
        #expect(ProgrammeMeasure(text: "programme:care:finances:d1")?.keeps(domainCode: "D1", volet: "") == true)
    }

    @Test func aComputedMeasureIsEitherTheActivityLogOrAProgramme() {
        #expect(ComputedMeasure(text: "programme:esms-numerique:candidats")?.source.contains("esms-numerique") == true)
        #expect(ComputedMeasure(text: "touchees:ES")?.source == "le journal des activités")
        #expect(ComputedMeasure(text: "programme:sun-es:consommation")?.description == "programme:sun-es:consommation")
        #expect(ComputedMeasure(text: "n'importe quoi") == nil)
    }

    @Test func aTimelineSaysWhatADossierStoodAtOnAnyDay() {
        // Replaced statuses come first, the one in force last; the same day keeps the order written.
        let timeline = ApplicationTimeline(events: [
            .init(on: Day(2022, 2, 15), status: .validated, amountCents: 7_800_000),
            .init(on: Day(2021, 10, 20), status: .filed),
            .init(on: Day(2021, 11, 2), status: .instruction)
        ])
        #expect(timeline.filedOn == Day(2021, 10, 20))
        #expect(timeline.decidedOn == Day(2022, 2, 15))
        #expect(timeline.event(on: Day(2021, 10, 19)) == nil)
        #expect(timeline.event(on: Day(2021, 12, 31))?.status == .instruction)
        #expect(timeline.event(on: Day(2022, 2, 15))?.amountCents == 7_800_000)
    }

    /// Two hospitals, one applying twice (two domains), the other once and decided late; 10 eligible.
    static let subjects: [ProgrammeSeriesMath.Subject] = [
        .init(
            structures: ["A"],
            timeline: .init(events: [
                .init(on: Day(2021, 10, 5), status: .filed),
                .init(on: Day(2022, 1, 20), status: .validated, amountCents: 5_000_000),
                .init(on: Day(2022, 7, 1), status: .targetsReached, amountCents: 5_000_000)
            ]), decisionDue: Day(2022, 2, 28)),
        .init(
            structures: ["A"],
            timeline: .init(events: [.init(on: Day(2021, 10, 5), status: .filed)]), decisionDue: Day(2022, 2, 28)),
        .init(
            structures: ["B", "C"],
            timeline: .init(events: [
                .init(on: Day(2021, 11, 30), status: .filed),
                .init(on: Day(2022, 4, 2), status: .refused)
            ]), decisionDue: Day(2022, 2, 28))
    ]

    static let months: [Period] = [.month(2021, 10), .month(2021, 11), .month(2022, 2), .month(2022, 7)]

    @Test func eachKindCountsItsStructuresMonthByMonth() {
        func values(_ kind: ProgrammeMeasure.Kind) -> [Double?] {
            ProgrammeSeriesMath.points(
                kind, subjects: Self.subjects, eligible: 10, envelopeCents: 20_000_000, months: Self.months
            ).map(\.value)
        }
        // A structure counts once, whatever its number of domains; a grappe counts each member.
        #expect(values(.applicantCount) == [1, 3, 3, 3])
        #expect(values(.applicantShare) == [0.1, 0.3, 0.3, 0.3])
        #expect(values(.fundedCount) == [0, 0, 1, 1])
        #expect(values(.targetsReachedShare) == [0, 0, 0, 0.1])
        #expect(values(.envelopeUsed) == [0, 0, 0.25, 0.25])
        // Due at the end of February: only A's first domain was decided in time (B's refusal came in April).
        let treated = ProgrammeSeriesMath.points(
            .treatedInTime, subjects: Self.subjects, eligible: 10, envelopeCents: nil, months: Self.months)
        #expect(treated.map(\.period) == [.month(2022, 2), .month(2022, 7)], "no figure before anything is due")
        #expect(treated.map(\.numerator) == [1, 1] && treated.map(\.denominator) == [3, 3])
    }

    @Test func noDenominatorMeansNoFigureRatherThanZero() {
        #expect(
            ProgrammeSeriesMath.points(
                .applicantShare, subjects: Self.subjects, eligible: 0, envelopeCents: nil, months: Self.months
            ).isEmpty)
        #expect(
            ProgrammeSeriesMath.points(
                .envelopeUsed, subjects: Self.subjects, eligible: 10, envelopeCents: nil, months: Self.months
            ).isEmpty)
    }
}
