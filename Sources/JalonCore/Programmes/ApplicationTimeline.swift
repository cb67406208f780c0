/// The statuses one domain of an application went through, each from its date: what it stood at on any day,
/// when it was filed and when it was decided. Built from the current status and the ones it replaced, so that
/// a month's figure and a photo's figures are the same whenever they are computed.
public struct ApplicationTimeline: Sendable, Equatable {
    public struct Event: Sendable, Equatable {
        public var on: Day
        public var status: ApplicationStatus
        public var amountCents: Int64?

        public init(on: Day, status: ApplicationStatus, amountCents: Int64? = nil) {
            self.on = on
            self.status = status
            self.amountCents = amountCents
        }
    }

    /// By date; on the same date, in the order they were written.
    public private(set) var events: [Event]

    public init(events: [Event]) {
        self.events = events.enumerated().sorted { ($0.element.on, $0.offset) < ($1.element.on, $1.offset) }
            .map(\.element)
    }

    public var filedOn: Day? { events.first?.on }

    /// The first decision (validated, refused, postponed or abandoned).
    public var decidedOn: Day? { events.first { $0.status.isDecided }?.on }

    /// The status in force at the end of `day`; nil before the dossier was filed.
    public func event(on day: Day) -> Event? { events.last { $0.on <= day } }
}

/// The series of a `ProgrammeMeasure`, month by month: one application × domain per `Subject`, with the
/// structures it counts for (the applicant, or every member of its grappe).
public enum ProgrammeSeriesMath {
    public struct Subject: Sendable, Equatable {
        public var structures: [String]
        public var timeline: ApplicationTimeline
        /// The window's closing plus the instruction time, for `traites-4-mois`.
        public var decisionDue: Day?

        public init(structures: [String], timeline: ApplicationTimeline, decisionDue: Day? = nil) {
            self.structures = structures
            self.timeline = timeline
            self.decisionDue = decisionDue
        }
    }

    /// `eligible`: the eligible open structures (denominator of `candidats` and `cibles`); `envelopeCents`: the
    /// envelope (denominator of `consommation`). Months without a denominator get no point.
    public static func points(
        _ kind: ProgrammeMeasure.Kind, subjects: [Subject], eligible: Int, envelopeCents: Int64?, months: [Period]
    ) -> [ObservationPoint] {
        months.compactMap { month in
            let end = month.end
            func structures(_ keep: (ApplicationTimeline.Event) -> Bool) -> Int {
                Set(
                    subjects.filter { subject in subject.timeline.event(on: end).map(keep) ?? false }
                        .flatMap(\.structures)
                ).count
            }
            switch kind {
            case .applicantShare:
                guard eligible > 0 else { return nil }
                let filed = structures { _ in true }
                return ObservationPoint(
                    period: month, value: Double(filed) / Double(eligible), numerator: Double(filed),
                    denominator: Double(eligible))
            case .applicantCount:
                return ObservationPoint(period: month, value: Double(structures { _ in true }))
            case .fundedCount:
                return ObservationPoint(period: month, value: Double(structures { $0.status.isValidated }))
            case .targetsReachedShare:
                guard eligible > 0 else { return nil }
                let reached = structures { [.targetsReached, .settled].contains($0.status) }
                return ObservationPoint(
                    period: month, value: Double(reached) / Double(eligible), numerator: Double(reached),
                    denominator: Double(eligible))
            case .treatedInTime:
                let due = subjects.filter { subject in subject.decisionDue.map { $0 <= end } ?? false }
                guard !due.isEmpty else { return nil }
                let treated = due.filter { subject in
                    subject.timeline.decidedOn.map { decided in decided <= subject.decisionDue! } ?? false
                }.count
                return ObservationPoint(
                    period: month, value: Double(treated) / Double(due.count), numerator: Double(treated),
                    denominator: Double(due.count))
            case .envelopeUsed:
                guard let envelopeCents, envelopeCents > 0 else { return nil }
                let committed = subjects.compactMap { subject -> Int64? in
                    guard let event = subject.timeline.event(on: end), event.status.isValidated else { return nil }
                    return event.amountCents ?? 0
                }.reduce(0, +)
                return ObservationPoint(
                    period: month, value: Double(committed) / Double(envelopeCents),
                    numerator: Double(committed) / 100, denominator: Double(envelopeCents) / 100)
            }
        }
    }
}
