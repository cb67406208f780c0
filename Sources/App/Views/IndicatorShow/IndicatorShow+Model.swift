import JalonCore

enum IndicatorShow {
    struct TerritoryRow: Sendable, Equatable {
        var territory: Territory
        var rawValue: Double?
        var rawTarget: Double?
        var value: String
        var target: String
        var realisation: String
        var projection: String
        var status: Progress.Status
        var provenance: String
        var inconsistent: Bool
    }

    struct ObservationRow: Sendable, Equatable {
        var subject: String
        var period: String
        var value: String
        var provenance: String
        var recordedAt: String
    }

    struct Model: Sendable, Equatable {
        var indicator: StoredIndicator
        var at: Day
        var territory: Territory
        var main: TerritoryRow
        var series: [(Day, Double)]
        var targets: [(Day, Double)]
        var trajectory: [(Day, Double)]?
        var rows: [TerritoryRow]
        var observations: [ObservationRow]
        var history: [ObservationRow]
        var fiches: [String]
        /// Changes of the definition and of the targets, from the audit trail.
        var audit: [AuditEvent] = []
        /// The map of the région's départements coloured by status, when the map asset is installed.
        var map: String? = nil
        /// How the value read at `at` moved: since the previous period, in a year, since the baseline.
        var variations = Variations()
        /// The roadmap whose targets the page reads (its own and the shared ones), and the others to choose.
        var roadmap: Roadmap? = nil
        var roadmapChoices: [Roadmap] = []

        static func == (lhs: Model, rhs: Model) -> Bool {
            lhs.indicator == rhs.indicator && lhs.at == rhs.at && lhs.territory == rhs.territory && lhs.main == rhs.main
                && lhs.rows == rhs.rows
                && lhs.observations == rhs.observations && lhs.history == rhs.history && lhs.fiches == rhs.fiches
                && lhs.audit == rhs.audit && lhs.variations == rhs.variations && lhs.roadmap == rhs.roadmap
                && lhs.series.map(\.0) == rhs.series.map(\.0) && lhs.series.map(\.1) == rhs.series.map(\.1)
        }
    }
}
